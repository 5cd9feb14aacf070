/*
 * Suggestions under the header's search box: the stories and videos whose titles begin with
 * what is typed, from the site's JSON endpoint. An ARIA 1.2 combobox with a listbox popup:
 * the arrow keys move through the suggestions, Enter opens the one chosen (or searches, when
 * none is), Escape closes them. Without this script the box is a plain search form.
 */
(function () {
  "use strict";

  var DELAY_MS = 150;
  var FROM_LETTERS = 2;

  function enhance(form) {
    var input = form.querySelector("input[name=q]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[data-suggestions-status]");
    var endpoint = form.dataset.suggestionsUrl;
    var suggestions = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function announce(count) {
      var text = count === 0 ? form.dataset.announceNone
        : count === 1 ? form.dataset.announceOne
          : form.dataset.announceMany.replace("{count}", String(count));
      status.textContent = text;
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      suggestions = [];
      active = -1;
    }

    function choose(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, number) {
        option.setAttribute("aria-selected", number === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(index) {
      window.location.assign(suggestions[index].url);
    }

    function show(found) {
      suggestions = found;
      active = -1;
      list.replaceChildren();
      found.forEach(function (suggestion, number) {
        var option = document.createElement("li");
        option.id = list.id + "-" + number;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "site-search__suggestion";
        var title = document.createElement("span");
        title.className = "site-search__title";
        title.textContent = suggestion.title;
        if (suggestion.language !== document.documentElement.lang) {
          title.lang = suggestion.language;
        }
        var kind = document.createElement("span");
        kind.className = "site-search__kind";
        kind.textContent = suggestion.kind_label;
        option.append(title, " ", kind);
        // Keep the focus in the box, so that the click opens the suggestion.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { open(number); });
        list.append(option);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      announce(found.length);
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < FROM_LETTERS) {
        close();
        status.textContent = "";
        return;
      }
      var request = ++latest;
      fetch(endpoint + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          // An answer to an earlier request, arriving late, is not shown.
          if (request === latest && document.activeElement === input) {
            show(data.suggestions);
          }
        })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && suggestions.length) {
        event.preventDefault();
        choose(active + 1 < suggestions.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && suggestions.length) {
        event.preventDefault();
        choose(active > 0 ? active - 1 : suggestions.length - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        open(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 0); });
  }

  document.querySelectorAll("form[data-suggestions-url]").forEach(enhance);
})();
