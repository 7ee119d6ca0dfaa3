"""Course figures, one module per figure. Each returns a matplotlib Figure; alt text lives
with the figure's use in the book (the code cell's `mystnb.image.alt`)."""
