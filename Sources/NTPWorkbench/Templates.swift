/// The workbench's pages as Mustache templates, kept in the library as strings so that they are found
/// wherever the binary runs. `{{x}}` is escaped; `{{{x}}}` is markup the library made (a report, a
/// chart) and is never user text.
enum Templates {
    static let all: [String: String] = [
        "layout": layout, "section": section, "error": error, "login": login,
        "scenarios": scenarios, "scenario": scenario, "version": version, "edit": edit, "runForm": runForm, "diff": diff, "upload": upload,
        "runs": runs, "run": run, "plans": plans, "plan": plan, "planCompare": planCompare, "explain": explain, "compare": compare, "users": users, "history": history,
    ]

    static let layout = """
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{t.app}}</title>
        <link rel="stylesheet" href="/static/workbench.css">
        {{#script}}<script src="/static/workbench.js" defer></script>{{/script}}
        </head>
        <body>
        <a class="skip" href="#main">{{t.skip}}</a>
        <header class="top">
        <a class="brand" href="/scenarios">{{t.app}}</a>
        <nav>
        <a href="/scenarios"{{#nav.scenarios}} aria-current="page"{{/nav.scenarios}}>{{t.scenarios}}</a>
        <a href="/runs"{{#nav.runs}} aria-current="page"{{/nav.runs}}>{{t.runs}}</a>
        <a href="/plans"{{#nav.plans}} aria-current="page"{{/nav.plans}}>{{t.plans}}</a>
        <a href="/history"{{#nav.history}} aria-current="page"{{/nav.history}}>{{t.history}}</a>
        {{#isAdmin}}<a href="/users"{{#nav.users}} aria-current="page"{{/nav.users}}>{{t.users}}</a>{{/isAdmin}}
        </nav>
        <div class="who">
        {{#user}}<span class="muted">{{name}} · {{roleName}}</span>
        <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="link">{{t.logout}}</button></form>{{/user}}
        {{#openMode}}<span class="muted">{{t.openMode}}</span>{{/openMode}}
        <a href="/lang/{{otherLang}}?back={{back}}" lang="{{otherLang}}" hreflang="{{otherLang}}">{{otherLangName}}</a>
        </div>
        </header>
        <main id="main">
        <h1>{{title}}</h1>
        {{#flash}}<p class="flash" role="status">{{flash}}</p>{{/flash}}
        {{{body}}}
        </main>
        </body>
        </html>

        """

    /// A report table (`ReportSection`): title, columns, rows, totals, notes.
    static let section = """
        <section class="report-section">
        <h3>{{title}}</h3>
        {{#hasTable}}<div class="scroll"><table>
        <thead><tr>{{#columns}}<th scope="col"{{#n}} class="n"{{/n}}>{{title}}</th>{{/columns}}</tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td{{#n}} class="n"{{/n}}>{{text}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        {{#hasTotals}}<tfoot>{{#totals}}<tr>{{#cells}}<td{{#n}} class="n"{{/n}}>{{text}}</td>{{/cells}}</tr>{{/totals}}</tfoot>{{/hasTotals}}
        </table></div>{{/hasTable}}
        {{#empty}}<p>{{empty}}</p>{{/empty}}
        {{#notes}}<p class="note">{{.}}</p>{{/notes}}
        </section>

        """

    static let error = """
        <p class="error" role="alert">{{message}}</p>
        <p><a href="/scenarios" class="button secondary">{{t.scenarios}}</a></p>

        """

    static let login = """
        <p>{{t.loginLead}}</p>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/login" class="stack narrow-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <label>{{t.userName}} <input name="name" autocomplete="username" required value="{{name}}"></label>
        <label>{{t.password}} <input name="password" type="password" autocomplete="current-password" required></label>
        <button>{{t.login}}</button>
        </form>

        """

    static let scenarios = """
        <p class="lead">{{t.scenariosLead}}</p>
        {{#isPlanner}}<p><a class="button" href="/upload">{{t.upload}}</a></p>{{/isPlanner}}
        {{#hasScenarios}}<div class="scroll"><table id="scenarios">
        <thead><tr><th scope="col">{{t.name}}</th><th scope="col">{{t.origin}}</th><th scope="col" class="n">{{t.latestVersion}}</th><th scope="col" class="n">{{t.plans}}</th></tr></thead>
        <tbody>{{#scenarios}}<tr>
        <th scope="row" class="w"><a href="/scenarios/{{id}}">{{name}}</a>{{#sourceName}}<br><span class="muted small">{{sourceName}}</span>{{/sourceName}}</th>
        <td>{{origin}}</td><td class="n"><a href="/scenarios/{{id}}/versions/{{latest}}">v{{latest}}</a> / {{versions}}</td><td class="n">{{plans}}</td>
        </tr>{{/scenarios}}</tbody>
        </table></div>{{/hasScenarios}}
        {{^hasScenarios}}<p>{{t.noScenarios}}</p>{{/hasScenarios}}

        """

    static let scenario = """
        <p class="lead">{{origin}}{{#sourceName}} · {{sourceName}}{{/sourceName}}</p>
        <div class="scroll"><table id="versions">
        <thead><tr><th scope="col">{{t.version}}</th><th scope="col">{{t.note}}</th><th scope="col">{{t.parent}}</th><th scope="col">{{t.madeBy}}</th><th scope="col">{{t.madeAt}}</th><th scope="col"></th></tr></thead>
        <tbody>{{#versions}}<tr>
        <th scope="row"><a href="/scenarios/{{scenarioID}}/versions/{{number}}">v{{number}}</a></th><td class="w lines">{{note}}</td>
        <td>{{#parent}}v{{parent}}{{/parent}}</td><td>{{madeBy}}</td><td class="nw">{{madeAt}}</td>
        <td>{{#parent}}<a href="/scenarios/{{scenarioID}}/diff?from={{parent}}&amp;to={{number}}">{{t.diffWithParent}}</a>{{/parent}}</td>
        </tr>{{/versions}}</tbody>
        </table></div>
        <h2>{{t.diff}}</h2>
        <form method="get" action="/scenarios/{{id}}/diff" class="row">
        <label>{{t.version}} <select name="from">{{#versions}}<option value="{{number}}"{{#isSecond}} selected{{/isSecond}}>v{{number}}</option>{{/versions}}</select></label>
        <label>{{t.version}} <select name="to">{{#versions}}<option value="{{number}}"{{#isFirst}} selected{{/isFirst}}>v{{number}}</option>{{/versions}}</select></label>
        <button>{{t.show}}</button>
        </form>
        <h2>{{t.plans}}</h2>
        {{#hasPlans}}<ul>{{#plans}}<li><a href="/plans/{{id}}">{{name}}</a> · v{{versionNumber}} · {{termination}}</li>{{/plans}}</ul>{{/hasPlans}}
        {{^hasPlans}}<p>{{t.noPlans}}</p>{{/hasPlans}}

        """

    static let version = """
        <p class="lead"><a href="/scenarios/{{scenarioID}}">{{scenarioName}}</a> · v{{number}}{{#note}} · {{note}}{{/note}} · {{madeBy}} · {{madeAt}}</p>
        {{#isPlanner}}{{#loads}}<p class="actions">
        <a class="button" href="/scenarios/{{scenarioID}}/versions/{{number}}/edit">{{t.editWhatIf}}</a>
        <a class="button" href="/scenarios/{{scenarioID}}/versions/{{number}}/run?kind=plan">{{t.runPlan}}</a>
        <a class="button secondary" href="/scenarios/{{scenarioID}}/versions/{{number}}/run?kind=baseline">{{t.runBaseline}}</a>
        <a class="button secondary" href="/scenarios/{{scenarioID}}/versions/{{number}}/run?kind=sweep">{{t.runSweep}}</a>
        </p>{{/loads}}{{/isPlanner}}
        {{#hasErrors}}<div class="error" role="alert"><p>{{t.scenarioErrors}}</p><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></div>{{/hasErrors}}
        {{#loads}}
        <h2>{{t.facts}}</h2>
        <div class="scroll narrow"><table id="facts"><tbody>
        {{#facts}}<tr><th scope="row">{{label}}</th><td>{{value}}</td></tr>{{/facts}}
        </tbody></table></div>
        <h2>{{t.policy}}</h2>
        <div class="scroll narrow"><table id="policy"><tbody>
        {{#policy}}<tr><th scope="row">{{label}}</th><td>{{value}}</td></tr>{{/policy}}
        </tbody></table></div>
        <h2>{{t.money}}</h2>
        {{#budget}}{{> section}}{{/budget}}
        <h2>{{t.statusTitle}}</h2>
        <div class="scroll"><table id="status">
        <thead><tr><th scope="col">{{t.commune}}</th><th scope="col" class="n">{{t.criteriaMet}}</th><th scope="col" class="n">{{t.criteriaMissing}}</th><th scope="col" class="n">{{t.criteriaPlanned}}</th></tr></thead>
        <tbody>{{#status}}<tr><th scope="row" class="w">{{name}}</th><td class="n">{{met}}</td><td class="n">{{missing}}</td><td class="n">{{planned}}</td></tr>{{/status}}</tbody>
        </table></div>
        {{#hasWarnings}}<h2>{{t.warnings}}</h2><ul class="note">{{#warnings}}<li>{{.}}</li>{{/warnings}}</ul>{{/hasWarnings}}
        {{/loads}}
        <h2>{{t.files}}</h2>
        <ul>{{#files}}<li><code>{{.}}</code></li>{{/files}}</ul>

        """

    static let edit = """
        <p class="lead">{{t.editLead}}</p>
        {{#stale}}<div class="error" role="alert"><p><strong>{{t.staleEdit}}</strong>: {{stale}}</p><p><a href="/scenarios/{{scenarioID}}/versions/{{latest}}/edit">v{{latest}}</a></p></div>{{/stale}}
        {{#hasErrors}}<p class="error" role="alert">{{t.fixErrors}}</p>{{/hasErrors}}
        {{#hasGeneral}}<ul class="error">{{#general}}<li>{{.}}</li>{{/general}}</ul>{{/hasGeneral}}
        <form method="post" action="/scenarios/{{scenarioID}}/versions/{{number}}/edit" class="stack" id="what-if">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="based_on" value="{{basedOn}}">
        <div class="grid">
        {{#fields}}<div class="field{{#error}} invalid{{/error}}">
        {{#checkbox}}<label><input type="checkbox" name="{{name}}" value="true"{{#checked}} checked{{/checked}}> {{label}}</label>{{/checkbox}}
        {{#area}}<label for="f-{{name}}">{{label}}</label><textarea id="f-{{name}}" name="{{name}}" rows="3">{{value}}</textarea>{{/area}}
        {{#text}}<label for="f-{{name}}">{{label}}</label><input id="f-{{name}}" name="{{name}}" value="{{value}}"{{#placeholder}} placeholder="{{placeholder}}"{{/placeholder}}>{{/text}}
        {{#help}}<small class="muted">{{help}}</small>{{/help}}
        {{#error}}<small class="field-error" role="alert">{{error}}</small>{{/error}}
        </div>{{/fields}}
        </div>
        <h2>{{t.envelopes}}</h2>
        <p class="note">{{t.envelopesHelp}} ({{unit}})</p>
        <div class="scroll"><table id="envelopes" class="form-table">
        <thead><tr><th scope="col">{{t.program}}</th><th scope="col">{{t.source}}</th><th scope="col">{{t.years}}</th><th scope="col" class="n">{{t.amount}}</th><th scope="col">{{t.percent}}</th><th scope="col">{{t.newAmount}}</th><th scope="col">{{t.reason}}</th></tr></thead>
        <tbody>{{#envelopes}}<tr{{#error}} class="invalid"{{/error}}>
        <td>{{program}}<input type="hidden" name="e{{index}}_program" value="{{program}}"></td>
        <td>{{sourceName}}<input type="hidden" name="e{{index}}_source" value="{{source}}"></td>
        <td class="nw">{{years}}{{#level}} · {{level}}{{/level}}<input type="hidden" name="e{{index}}_level" value="{{levelCode}}"><input type="hidden" name="e{{index}}_years" value="{{years}}"></td>
        <td class="n">{{amount}}</td>
        <td><input name="e{{index}}_percent" value="{{percent}}" inputmode="decimal" size="6" aria-label="{{t.percent}} {{sourceName}} {{years}}"></td>
        <td><input name="e{{index}}_amount" value="{{newAmount}}" inputmode="decimal" size="10" aria-label="{{t.newAmount}} {{sourceName}} {{years}}"></td>
        <td><input name="e{{index}}_reason" value="{{reason}}" aria-label="{{t.reason}} {{sourceName}} {{years}}">{{#error}}<br><small class="field-error" role="alert">{{error}}</small>{{/error}}</td>
        </tr>{{/envelopes}}</tbody>
        </table></div>
        <input type="hidden" name="envelopes" value="{{envelopeCount}}">
        <p><button>{{t.save}}</button></p>
        </form>

        """

    static let runForm = """
        <p class="lead"><a href="/scenarios/{{scenarioID}}/versions/{{number}}">{{scenarioName}} · v{{number}}</a>. {{t.runLead}}</p>
        {{#hasErrors}}<ul class="error" role="alert">{{#errors}}<li>{{.}}</li>{{/errors}}</ul>{{/hasErrors}}
        <form method="post" action="/scenarios/{{scenarioID}}/versions/{{number}}/run" class="stack narrow-form" id="run-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="kind" value="{{kind}}">
        {{#isBaseline}}<fieldset><legend>{{t.baselineMethod}}</legend>
        {{#methods}}<label><input type="radio" name="method" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/methods}}
        </fieldset>{{/isBaseline}}
        {{#isSweep}}<fieldset><legend>{{t.sweepSources}}</legend>
        {{#sources}}<label><input type="checkbox" name="source" value="{{code}}"{{#checked}} checked{{/checked}}> {{name}} <span class="muted">({{code}})</span></label>{{/sources}}
        </fieldset>
        <label>{{t.sweepScale}} <input name="scale" value="{{scale}}" required></label>{{/isSweep}}
        {{^isBaseline}}<label>{{t.timeLimit}} <input name="time_limit" value="{{timeLimit}}" inputmode="decimal" placeholder="{{t.defaultValue}}"></label>
        <label>{{t.gap}} <input name="gap" value="{{gap}}" inputmode="decimal" placeholder="{{t.defaultValue}}"></label>
        <label>{{t.searchMethod}} <select name="search">{{#searches}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/searches}}</select></label>{{/isBaseline}}
        <p><button>{{t.start}}</button></p>
        </form>

        """

    static let diff = """
        <p class="lead"><a href="/scenarios/{{scenarioID}}">{{scenarioName}}</a>: v{{from}} → v{{to}}. {{t.diffLead}}</p>
        {{#same}}<p>{{t.sameInputs}}</p>{{/same}}
        {{^same}}<div class="scroll"><table id="differences">
        <thead><tr><th scope="col">{{t.key}}</th><th scope="col">v{{from}}</th><th scope="col">v{{to}}</th></tr></thead>
        <tbody>{{#differences}}<tr><th scope="row"><code>{{key}}</code></th><td class="w">{{first}}</td><td class="w">{{second}}</td></tr>{{/differences}}</tbody>
        </table></div>{{/same}}

        """

    static let upload = """
        <p class="lead">{{t.uploadLead}}</p>
        {{#hasErrors}}<div class="error" role="alert"><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></div>{{/hasErrors}}
        <form method="post" action="/upload" enctype="multipart/form-data" class="stack narrow-form" id="upload-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>{{t.uploadFiles}} <input type="file" name="files" id="f-files" multiple required accept=".xlsx,.yaml,.yml,.csv"></label>
        <label>{{t.uploadName}} <input name="name" value="{{name}}"></label>
        <label>{{t.uploadRoot}} <input name="root" value="{{root}}"></label>
        <fieldset class="fields"><legend>{{t.uploadWorkbookContext}}</legend><div class="stack">
        <label>{{t.uploadScope}} <input name="scope" value="{{scope}}"></label>
        <label>{{t.uploadCriteriaSet}} <input name="criteria_set" value="{{criteriaSet}}"></label>
        <label>{{t.uploadPhase}} <input name="phase" value="{{phase}}"></label>
        <label>{{t.uploadUnit}} <select name="unit"><option value="">{{t.unitAsWorkbook}}</option><option value="trieu"{{#unitTrieu}} selected{{/unitTrieu}}>{{t.unitMillion}}</option><option value="ty"{{#unitTy}} selected{{/unitTy}}>{{t.unitBillion}}</option></select></label>
        </div></fieldset>
        <p><button>{{t.uploadSubmit}}</button></p>
        </form>

        """

    static let runs = """
        <p class="lead">{{t.runsLead}} {{concurrent}}.</p>
        {{#hasRuns}}<div class="scroll"><table id="runs">
        <thead><tr><th scope="col">#</th><th scope="col">{{t.kind}}</th><th scope="col">{{t.scenarios}}</th><th scope="col">{{t.state}}</th><th scope="col">{{t.message}}</th><th scope="col">{{t.madeBy}}</th><th scope="col">{{t.queuedAt}}</th></tr></thead>
        <tbody>{{#runs}}<tr class="state-{{stateCode}}"><th scope="row"><a href="/runs/{{id}}">{{id}}</a></th><td>{{kind}}</td><td class="w">{{scenario}}</td><td><span class="badge {{stateCode}}">{{state}}</span></td><td class="w">{{message}}</td><td>{{madeBy}}</td><td class="nw">{{queuedAt}}</td></tr>{{/runs}}</tbody>
        </table></div>{{/hasRuns}}
        {{^hasRuns}}<p>{{t.noRuns}}</p>{{/hasRuns}}
        <p class="pager">{{#newer}}<a href="/runs?page={{newer}}">{{t.newer}}</a>{{/newer}} {{#older}}<a href="/runs?page={{older}}">{{t.older}}</a>{{/older}}</p>

        """

    static let run = """
        <div id="run" data-run="{{id}}" data-state="{{stateCode}}">
        <p class="lead">{{kind}} · <a href="/scenarios/{{scenarioID}}/versions/{{number}}">{{scenarioName}} · v{{number}}</a> · {{madeBy}}</p>
        <div class="scroll narrow"><table id="run-progress"><tbody>
        <tr><th scope="row">{{t.state}}</th><td><span class="badge {{stateCode}}" id="run-state">{{state}}</span></td></tr>
        <tr><th scope="row">{{t.incumbent}}</th><td class="n" id="run-incumbent">{{incumbent}}</td></tr>
        <tr><th scope="row">{{t.bound}}</th><td class="n" id="run-bound">{{bound}}</td></tr>
        <tr><th scope="row">{{t.relativeGap}}</th><td class="n" id="run-gap">{{gap}}</td></tr>
        <tr><th scope="row">{{t.elapsed}}</th><td class="n" id="run-elapsed">{{elapsed}}</td></tr>
        {{#isSweep}}<tr><th scope="row">{{t.point}}</th><td class="n" id="run-point">{{point}}</td></tr>{{/isSweep}}
        <tr><th scope="row">{{t.message}}</th><td id="run-message">{{message}}</td></tr>
        </tbody></table></div>
        {{#active}}<p class="muted">{{t.liveNote}}</p>
        {{#isPlanner}}<form method="post" action="/runs/{{id}}/cancel" class="inline" id="cancel-form"><input type="hidden" name="csrf" value="{{csrf}}"><button class="danger">{{t.cancel}}</button></form>{{/isPlanner}}{{/active}}
        {{#planID}}<p><a class="button" id="open-plan" href="/plans/{{planID}}">{{t.openPlan}}</a></p>{{/planID}}
        {{#rerun}}{{#isPlanner}}<p><a class="button secondary" href="/scenarios/{{scenarioID}}/versions/{{number}}/run?kind={{kindCode}}">{{t.runAgain}}</a></p>{{/isPlanner}}{{/rerun}}
        {{#sweep}}{{{figures}}}{{#section}}{{> section}}{{/section}}{{/sweep}}
        </div>

        """

    static let plans = """
        <p class="lead">{{t.plansLead}}</p>
        {{#hasPlans}}<form method="get" action="/compare" id="plans-form">
        <div class="scroll"><table id="plans">
        <thead><tr><th scope="col">{{t.compare}}</th><th scope="col">{{t.name}}</th><th scope="col">{{t.scenarios}}</th><th scope="col">{{t.method}}</th><th scope="col">{{t.termination}}</th><th scope="col" class="n">{{t.criteriaYears}}</th><th scope="col">{{t.madeBy}}</th><th scope="col">{{t.madeAt}}</th></tr></thead>
        <tbody>{{#plans}}<tr>
        <td><input type="checkbox" name="plan" value="{{id}}" aria-label="{{t.compare}} {{name}}"></td>
        <th scope="row"><a href="/plans/{{id}}">{{name}}</a></th><td class="w"><a href="/scenarios/{{scenarioID}}/versions/{{versionNumber}}">{{scenarioName}} · v{{versionNumber}}</a></td>
        <td>{{method}}</td><td>{{termination}}</td><td class="n">{{criteriaYears}}</td><td>{{madeBy}}</td><td class="nw">{{madeAt}}</td>
        </tr>{{/plans}}</tbody>
        </table></div>
        <p><button>{{t.compareChosen}}</button></p>
        </form>{{/hasPlans}}
        {{^hasPlans}}<p>{{t.noPlans}}</p>{{/hasPlans}}
        <p class="pager">{{#newer}}<a href="/plans?page={{newer}}">{{t.newer}}</a>{{/newer}} {{#older}}<a href="/plans?page={{older}}">{{t.older}}</a>{{/older}}</p>

        """

    static let plan = """
        <div class="plan-tools">
        <p class="actions" id="downloads"><span>{{t.downloads}}:</span>
        <a class="button secondary" href="/api/plans/{{id}}/export/xlsx?lang={{lang}}" id="download-xlsx" download>XLSX</a>
        <a class="button secondary" href="/api/plans/{{id}}/export/csv?lang={{lang}}" download>CSV (zip)</a>
        <a class="button secondary" href="/api/plans/{{id}}/export/json?lang={{lang}}" download>JSON</a>
        <a class="button secondary" href="/api/plans/{{id}}/export/html?lang={{lang}}" download>HTML</a>
        <a class="button secondary" href="/api/plans/{{id}}/document" download>{{t.plans}} (.json)</a>
        </p>
        <form method="get" action="/plans/{{id}}/explain" class="row">
        <label>{{t.explain}} <select name="commune">{{#communes}}<option value="{{id}}">{{name}}</option>{{/communes}}</select></label>
        <button>{{t.show}}</button>
        </form>
        <details><summary>{{t.inputs}}</summary><div class="scroll narrow"><table id="inputs"><tbody>
        {{#inputs}}<tr><th scope="row">{{label}}</th><td><code>{{value}}</code></td></tr>{{/inputs}}
        </tbody></table></div></details>
        {{#dataChanged}}<p class="note">{{t.dataChanged}}</p>{{/dataChanged}}
        </div>

        """

    /// The plans a plan page offers to compare with: they change with every plan added, so this part of the
    /// page is made for each request, between the kept tools and the kept report.
    static let planCompare = """
        <form method="get" action="/compare" class="row plan-tools" id="compare-form">
        <input type="hidden" name="plan" value="{{id}}">
        <label>{{t.compareWith}} <select name="plan">{{#others}}<option value="{{id}}">{{name}}</option>{{/others}}</select></label>
        <button>{{t.compare}}</button>
        </form>

        """

    static let explain = """
        <p class="lead"><a href="/plans/{{id}}">{{planName}}</a> · {{t.explainLead}}</p>
        <form method="get" action="/plans/{{id}}/explain" class="row">
        <label>{{t.commune}} <select name="commune">{{#communes}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/communes}}</select></label>
        <button>{{t.show}}</button>
        </form>
        {{#explanations}}<pre class="explanation">{{.}}</pre>{{/explanations}}

        """

    static let compare = """
        {{#header}}<p class="lead">{{.}}</p>{{/header}}
        <p class="actions">{{#plans}}<a class="button secondary" href="/plans/{{id}}">{{name}}</a> {{/plans}}
        <a class="button secondary" href="/api/compare?{{query}}" download>JSON</a></p>
        {{#sections}}{{> section}}{{/sections}}

        """

    static let users = """
        <p class="lead">{{t.usersLead}}</p>
        <div class="scroll narrow"><table id="users">
        <thead><tr><th scope="col">{{t.userName}}</th><th scope="col">{{t.role}}</th><th scope="col">{{t.madeAt}}</th></tr></thead>
        <tbody>{{#users}}<tr><th scope="row">{{name}}</th><td>{{role}}</td><td class="nw">{{madeAt}}</td></tr>{{/users}}</tbody>
        </table></div>
        <h2>{{t.addUser}}</h2>
        {{#hasErrors}}<ul class="error" role="alert">{{#errors}}<li>{{.}}</li>{{/errors}}</ul>{{/hasErrors}}
        <form method="post" action="/users" class="stack narrow-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>{{t.userName}} <input name="name" required autocomplete="off"></label>
        <label>{{t.password}} <input name="password" type="password" required autocomplete="new-password" minlength="8"></label>
        <label>{{t.role}} <select name="role">{{#roles}}<option value="{{value}}">{{label}}</option>{{/roles}}</select></label>
        <p><button>{{t.addUser}}</button></p>
        </form>

        """

    static let history = """
        <p class="lead">{{t.historyLead}}</p>
        <div class="scroll"><table id="events">
        <thead><tr><th scope="col">{{t.madeAt}}</th><th scope="col">{{t.actor}}</th><th scope="col">{{t.action}}</th><th scope="col">{{t.subject}}</th><th scope="col">{{t.detail}}</th></tr></thead>
        <tbody>{{#events}}<tr><td class="nw">{{at}}</td><td>{{actor}}</td><td><code>{{action}}</code></td><td>{{subject}}</td><td class="w">{{detail}}</td></tr>{{/events}}</tbody>
        </table></div>

        """
}
