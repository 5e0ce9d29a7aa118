import NTPReports

/// The style sheet and the one small script, kept in the library as strings so that they are found
/// wherever the binary runs. The style is the HTML report's own (docs/html-report.md), so that a plan
/// reads the same in the workbench and in its HTML export, followed by the workbench's additions.
enum Assets {
    static let style = PlanExport.htmlStyle + """

        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
        header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.2rem;padding:.55rem 14px;background:#1f3b5c;color:#fff}
        header.top a{color:#fff}
        .brand{font-weight:700;text-decoration:none;font-size:1.05rem}
        header.top nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem}
        header.top nav a{text-decoration:none;padding:.15rem 0;border-bottom:2px solid transparent}
        header.top nav a[aria-current]{border-bottom-color:#ffd27a}
        .who{margin-left:auto;display:flex;flex-wrap:wrap;gap:.3rem .8rem;align-items:center;font-size:.9rem}
        .who .muted{color:#d9e2ec}
        .muted{color:#5b6670}
        .small{font-size:.85rem}
        a{color:#1d5fa8}
        .flash{background:#e6f4ea;border:1px solid #9ccfab;padding:.5rem .7rem;border-radius:4px}
        .error{background:#fdecea;border:1px solid #f1a9a0;padding:.5rem .7rem;border-radius:4px;color:#7a1c12}
        ul.error{padding-left:1.6rem}
        .field-error{display:block;color:#a3261a;font-weight:600;margin-top:.15rem}
        .invalid input,.invalid textarea,tr.invalid input{border-color:#c0392b;background:#fff6f5}
        form.stack{display:flex;flex-direction:column;gap:.7rem}
        .narrow-form{max-width:34rem}
        form.stack label,.field label{display:flex;flex-direction:column;gap:.2rem;font-weight:600}
        form.stack fieldset label{flex-direction:row;align-items:center;gap:.4rem;font-weight:400}
        form.stack fieldset.fields label{flex-direction:column;align-items:stretch;gap:.2rem;font-weight:600}
        fieldset.fields .stack{display:flex;flex-direction:column;gap:.7rem}
        .field label:has(input[type=checkbox]){flex-direction:row;align-items:center;gap:.4rem}
        form.row{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem .8rem;margin:.6rem 0}
        form.row label{display:flex;flex-direction:column;gap:.2rem;font-weight:600;min-width:0;max-width:100%}
        form.row select{width:100%;text-overflow:ellipsis}
        form.inline{display:inline}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,17rem),1fr));gap:.8rem 1.2rem}
        .field{display:flex;flex-direction:column;gap:.2rem}
        input,select,textarea,button,.button{font:inherit}
        input:not([type=checkbox]):not([type=radio]),select,textarea{padding:.35rem .45rem;border:1px solid #9aa5b1;border-radius:4px;max-width:100%;background:#fff}
        textarea{width:100%}
        .form-table input{width:100%;min-width:5.5em}
        button,.button{display:inline-block;padding:.42rem .9rem;border:1px solid #1d5fa8;border-radius:4px;background:#1d5fa8;color:#fff;text-decoration:none;cursor:pointer;line-height:1.3}
        .button.secondary,button.secondary{background:#fff;color:#1d5fa8}
        button.danger{background:#b03a2e;border-color:#b03a2e}
        button.link{background:none;border:0;padding:0;color:inherit;text-decoration:underline}
        .actions{display:flex;flex-wrap:wrap;gap:.45rem;align-items:center}
        .badge{display:inline-block;padding:.05rem .45rem;border-radius:9px;font-size:.85rem;background:#e8edf2}
        .badge.running{background:#fff1cc}.badge.done{background:#dcf1e1}.badge.failed,.badge.interrupted{background:#fbe0dc}.badge.cancelled{background:#eceff1}
        .pager{display:flex;gap:1rem}
        pre.explanation{white-space:pre-wrap;background:#f6f8fa;border:1px solid #e1e5ea;border-radius:4px;padding:.6rem;font-size:.88rem;overflow-x:auto}
        .report-section h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
        .plan-tools{border:1px solid #e1e5ea;border-radius:6px;padding:.3rem .8rem;margin-bottom:1rem;background:#fafbfc}
        .report main,.report>header{max-width:none}
        code{font-size:.88em;overflow-wrap:anywhere}
        .lines{white-space:pre-line}
        @media (max-width:480px){header.top{padding:.5rem 10px}.who{margin-left:0}.button,button{padding:.4rem .7rem}}

        """

    /// The run page's live progress: reads `/api/runs/ID` every second and writes the figures into the
    /// page; reloads it once the run has finished.
    static let script = """
        "use strict";
        (function () {
          var run = document.getElementById("run");
          if (!run) { return; }
          var finished = ["done", "failed", "cancelled", "interrupted"];
          if (finished.indexOf(run.dataset.state) >= 0) { return; }
          function put(id, text) { var element = document.getElementById(id); if (element && text !== undefined) { element.textContent = text; } }
          function poll() {
            fetch("/api/runs/" + run.dataset.run, { credentials: "same-origin", headers: { "Accept": "application/json" } })
              .then(function (response) { return response.json(); })
              .then(function (answer) {
                put("run-state", answer.shown.state);
                put("run-incumbent", answer.shown.incumbent);
                put("run-bound", answer.shown.bound);
                put("run-gap", answer.shown.gap);
                put("run-elapsed", answer.shown.elapsed);
                put("run-point", answer.shown.point);
                put("run-message", answer.shown.message);
                if (finished.indexOf(answer.state) >= 0) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
              })
              .catch(function () { window.setTimeout(poll, 3000); });
          }
          window.setTimeout(poll, 500);
        })();

        """
}
