// Filter the evidence cards by words, question and pivotal status. The page reads fully without it.
(function () {
  var form = document.getElementById("card-filters");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var count = document.getElementById("card-count");
  form.hidden = false;
  function apply() {
    var words = form.elements.words.value.trim().toLowerCase();
    var question = form.elements.question.value;
    var pivotal = form.elements.pivotal.checked;
    var shown = 0;
    cards.forEach(function (card) {
      var ok = (!words || card.textContent.toLowerCase().indexOf(words) >= 0)
        && (!question || card.getAttribute("data-questions").split(" ").indexOf(question) >= 0)
        && (!pivotal || (question ? card.getAttribute("data-pivotal").split(" ").indexOf(question) >= 0
                                  : card.getAttribute("data-pivotal") !== ""));
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + cards.length + " items shown";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  apply();
})();
