/* Knowledge checks on the course site: check an answer, show per-option feedback, keep a
 * score, try again. No network, no storage: what a reader answers stays in the page. */
(function () {
  "use strict";

  function summary(chosen, correct, missed) {
    if (!chosen.length) return "Choose an answer first.";
    if (correct) return "Correct.";
    if (missed && chosen.every(function (o) { return o.dataset.correct === "1"; })) {
      return "Not quite: right so far, but " + missed + " more option(s) also apply.";
    }
    return "Not quite. Read the feedback and try again.";
  }

  function setupQuestion(question, onChange) {
    var check = question.querySelector(".sts-kc-check");
    var retry = question.querySelector(".sts-kc-retry");
    var result = question.querySelector(".sts-kc-result");
    var options = Array.prototype.slice.call(question.querySelectorAll(".sts-kc-option"));
    var inputs = options.map(function (o) { return o.querySelector("input"); });

    function clearFeedback() {
      options.forEach(function (o, i) {
        o.classList.remove("sts-kc-right", "sts-kc-wrong");
        o.querySelector(".sts-kc-feedback").hidden = true;
        inputs[i].removeAttribute("aria-describedby");
      });
    }

    check.addEventListener("click", function () {
      clearFeedback();
      var chosen = options.filter(function (o, i) { return inputs[i].checked; });
      var rightOnes = options.filter(function (o) { return o.dataset.correct === "1"; });
      var missed = rightOnes.filter(function (o) { return chosen.indexOf(o) < 0; }).length;
      var correct = chosen.length > 0 && missed === 0 &&
        chosen.every(function (o) { return o.dataset.correct === "1"; });
      result.textContent = summary(chosen, correct, missed);
      result.className = "sts-kc-result " + (correct ? "sts-kc-result-right" : "sts-kc-result-wrong");
      if (!chosen.length) return;
      chosen.forEach(function (o) {
        var good = o.dataset.correct === "1";
        var fb = o.querySelector(".sts-kc-feedback");
        o.classList.add(good ? "sts-kc-right" : "sts-kc-wrong");
        fb.querySelector(".sts-kc-verdict").textContent = good ? "\u2713 Correct choice." : "\u2717 Not correct.";
        fb.hidden = false;
        inputs[options.indexOf(o)].setAttribute("aria-describedby", fb.id);
      });
      inputs.forEach(function (input) { input.disabled = true; });
      question.dataset.state = correct ? "correct" : "incorrect";
      check.hidden = true;
      retry.hidden = false;
      retry.focus();
      onChange();
    });

    retry.addEventListener("click", function () {
      clearFeedback();
      inputs.forEach(function (input) { input.disabled = false; input.checked = false; });
      result.textContent = "";
      result.className = "sts-kc-result";
      question.dataset.state = "";
      retry.hidden = true;
      check.hidden = false;
      inputs[0].focus();
      onChange();
    });
  }

  function setupSection(section) {
    var score = section.querySelector(".sts-kc-score");
    var total = Number(score.dataset.total);
    function updateScore() {
      var n = section.querySelectorAll('.sts-kc-question[data-state="correct"]').length;
      score.textContent = "Score: " + n + " of " + total + " correct so far.";
    }
    Array.prototype.forEach.call(section.querySelectorAll(".sts-kc-question"), function (q) {
      setupQuestion(q, updateScore);
    });
    section.classList.add("sts-kc-ready");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".sts-kc"), setupSection);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
