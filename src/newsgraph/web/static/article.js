// Highlight the span named by the URL fragment (#o-START-END, character offsets into the article
// text) and scroll to it. Offsets count Unicode code points, as Python does; JS strings count
// UTF-16 units, hence the conversions.
(function () {
  "use strict";

  function unitsOf(text, points) {
    return Array.from(text).slice(0, points).join("").length;
  }

  function markRange(segments, start, end) {
    var marks = [];
    segments.forEach(function (seg) {
      var segStart = Number(seg.dataset.s);
      var node = seg.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE) return;
      var length = Array.from(node.data).length;
      var from = Math.max(start, segStart) - segStart;
      var to = Math.min(end, segStart + length) - segStart;
      if (to <= from) return;
      var middle = node.splitText(unitsOf(node.data, from));
      middle.splitText(unitsOf(middle.data, to - from));
      var mark = document.createElement("mark");
      mark.className = "target";
      middle.parentNode.replaceChild(mark, middle);
      mark.appendChild(middle);
      marks.push(mark);
    });
    return marks;
  }

  function clear(root) {
    root.querySelectorAll("mark.target").forEach(function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(mark.firstChild, mark);
      parent.normalize();
    });
  }

  function show() {
    var root = document.getElementById("article-text");
    var match = /^#o-(\d+)-(\d+)$/.exec(window.location.hash);
    if (!root) return;
    clear(root);
    if (!match) return;
    var marks = markRange(root.querySelectorAll(".seg"), Number(match[1]), Number(match[2]));
    if (marks.length) {
      marks[0].scrollIntoView({ block: "center" });
      root.dataset.highlighted = match[1] + "-" + match[2];
    }
  }

  window.addEventListener("hashchange", show);
  show();
})();
