// The "check yourself" questions of docs/_hooks/quiz.py, answered in the page: no server, no request.
// The hook writes each quiz with its answer, its feedback in the page's language and its messages as data-*
// attributes; this script reads the reader's answer, marks it and puts the feedback in the aria-live region.
(function () {
  "use strict";

  function parseNumber(text) {
    var cleaned = text.trim().replace(/,/g, "").replace(/\s+/g, "");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return NaN;
    return Number(cleaned);
  }

  function say(quiz, verdict, feedbackFor) {
    var region = quiz.querySelector(".quiz__feedback");
    region.textContent = ""; // cleared first: the same answer twice is announced twice
    window.setTimeout(function () {
      var verdictLine = document.createElement("p");
      verdictLine.className = "quiz__verdict";
      var strong = document.createElement("strong");
      strong.textContent = verdict;
      verdictLine.appendChild(strong);
      region.appendChild(verdictLine);
      if (feedbackFor === null) return;
      var why = quiz.querySelector('.quiz__why[data-choice="' + feedbackFor + '"]');
      region.appendChild(why.cloneNode(true));
      region.appendChild(quiz.querySelector(".quiz__more").cloneNode(true));
    }, 50);
  }

  function check(quiz) {
    var data = quiz.dataset;
    quiz.classList.remove("quiz--right", "quiz--wrong");
    quiz.querySelectorAll(".quiz__choice").forEach(function (choice) {
      choice.classList.remove("quiz__choice--right", "quiz__choice--wrong");
    });
    var right, key;
    if (data.quizKind === "choice") {
      var picked = quiz.querySelector("input[type=radio]:checked");
      if (!picked) return say(quiz, data.quizChoose, null);
      right = picked.value === data.quizAnswer;
      key = picked.value;
      picked.closest(".quiz__choice").classList.add(right ? "quiz__choice--right" : "quiz__choice--wrong");
    } else {
      var field = quiz.querySelector(".quiz__number");
      if (!field.value.trim()) return say(quiz, data.quizEnter, null);
      var value = parseNumber(field.value);
      if (isNaN(value)) return say(quiz, data.quizNotNumber, null);
      right = Math.abs(value - Number(data.quizAnswer)) <= Number(data.quizTolerance) + 1e-9;
      key = right ? "right" : "wrong";
    }
    quiz.classList.add(right ? "quiz--right" : "quiz--wrong");
    say(quiz, right ? data.quizRight : data.quizWrong, key);
  }

  function setUp() {
    document.querySelectorAll(".quiz:not([data-quiz-ready])").forEach(function (quiz) {
      quiz.setAttribute("data-quiz-ready", "");
      quiz.querySelector("form").addEventListener("submit", function (event) {
        event.preventDefault(); // answered here: the page does not reload
        check(quiz);
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp); // Material: also after an instant navigation
  } else {
    setUp();
  }
})();
