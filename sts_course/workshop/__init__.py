"""Live workshops: quizzes run by a trainer, answered on participants' phones, served by Voila.

One module per concern: `store` (SQLite session store), `trainer`, `participant` and `solo`
(the three views), `picker` (choosing questions), `polling` (live updates), `lifecycle`
(ending a page's kernel when the page closes), `panels` (small shared HTML pieces), `charts`,
`export`, `discussion` (prompts per module), `text` (the app's messages), `app` (which view a
URL opens) and `server` (the `sts-course workshop` launcher).
"""
