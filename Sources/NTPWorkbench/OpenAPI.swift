/// The API's description, served at `/openapi.yaml`. The tests check it against the router both ways:
/// every route under `/api` is described here, every path described here is a route, and each
/// operation answers with a status and media type it lists.
enum OpenAPI {
    static let document = """
        openapi: 3.0.3
        info:
          title: NTP workbench API
          version: "1"
          description: |
            Everything the workbench's pages do, as JSON (docs/workbench.md). Requests that change something
            need the session cookie (`ntp_session`, set on the first answer) and the CSRF token of
            `GET /api/session` in the `X-CSRF-Token` header. Once an account exists, or when the server
            listens beyond this machine, every path but `/api/session` and `/openapi.yaml` needs a login
            (`POST /api/session`). Money is in đồng, dates are ISO 8601, keys snake_case. `lang=vi|en` picks
            the language of names and headers (default: the pages' language, Vietnamese).
        servers:
          - url: /
        components:
          securitySchemes:
            session:
              type: apiKey
              in: cookie
              name: ntp_session
            csrf:
              type: apiKey
              in: header
              name: X-CSRF-Token
          parameters:
            Id:
              name: id
              in: path
              required: true
              schema: {type: integer, minimum: 1}
            Number:
              name: number
              in: path
              required: true
              schema: {type: integer, minimum: 1}
            Lang:
              name: lang
              in: query
              required: false
              schema: {type: string, enum: [vi, en]}
            Limit:
              name: limit
              in: query
              required: false
              schema: {type: integer, minimum: 1, maximum: 200}
            Offset:
              name: offset
              in: query
              required: false
              schema: {type: integer, minimum: 0}
          responses:
            Error:
              description: What is wrong, in the request's language; `fields` names the fields a check refused.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
          schemas:
            Error:
              type: object
              required: [error]
              properties:
                error: {type: string}
                fields:
                  type: array
                  items:
                    type: object
                    required: [field, message]
                    properties:
                      field: {type: string}
                      message: {type: string}
            Session:
              type: object
              required: [login_required, csrf_token, language]
              properties:
                user: {type: string, nullable: true}
                role: {type: string, enum: [viewer, planner, admin], nullable: true}
                login_required: {type: boolean}
                csrf_token: {type: string}
                language: {type: string, enum: [vi, en]}
            Login:
              type: object
              required: [user, role, csrf_token]
              properties:
                user: {type: string}
                role: {type: string, enum: [viewer, planner, admin]}
                csrf_token: {type: string}
            Scenario:
              type: object
              required: [id, name, origin, latest_version, versions, plans]
              properties:
                id: {type: integer}
                name: {type: string}
                origin: {type: string, enum: [shipped, upload, workbook, command-line]}
                source_name: {type: string, nullable: true}
                latest_version: {type: integer}
                versions: {type: integer}
                plans: {type: integer}
                warnings: {type: array, items: {type: string}, description: "an uploaded workbook's import warnings, in the upload's answer only"}
            Version:
              type: object
              required: [id, scenario_id, number, file_name, digest, note, made_by, made_at]
              properties:
                id: {type: integer}
                scenario_id: {type: integer}
                number: {type: integer}
                parent_number: {type: integer, nullable: true}
                file_name: {type: string}
                digest: {type: string, description: SHA-256 of the version's scenario bundle}
                note: {type: string}
                edit: {type: string, nullable: true, description: a what-if's scenario file as written (it extends the parent version's file)}
                made_by: {type: string}
                made_at: {type: string, format: date-time}
            ScenarioDetail:
              type: object
              required: [id, name, origin, versions]
              properties:
                id: {type: integer}
                name: {type: string}
                origin: {type: string}
                source_name: {type: string, nullable: true}
                versions: {type: array, items: {$ref: '#/components/schemas/Version'}}
            Section:
              type: object
              description: A report table, rounded as the page shows it (parts add up to the totals).
              required: [title, columns, rows, totals, notes]
              properties:
                title: {type: string}
                columns:
                  type: array
                  items:
                    type: object
                    required: [title, align]
                    properties:
                      title: {type: string}
                      align: {type: string, enum: [left, right]}
                rows: {type: array, items: {type: array, items: {type: string}}}
                totals: {type: array, items: {type: array, items: {type: string}}}
                notes: {type: array, items: {type: string}}
                empty: {type: string, nullable: true}
            VersionDetail:
              type: object
              required: [version, scenario_name, files, errors, warnings]
              properties:
                version: {$ref: '#/components/schemas/Version'}
                scenario_name: {type: string}
                files: {type: array, items: {type: string}}
                errors: {type: array, items: {type: string}, description: why the version does not load (then the rest is absent)}
                warnings: {type: array, items: {type: string}}
                facts: {type: object, additionalProperties: {type: string}}
                options:
                  type: object
                  properties:
                    horizon: {type: string}
                    capacity: {type: string}
                    minimum_progress: {type: string}
                    standard_bonus: {type: string}
                    priority: {type: string}
                    official_targets: {type: boolean}
                    targets: {type: array, items: {type: string}}
                envelopes:
                  type: array
                  items:
                    type: object
                    required: [program, source, years, amount_dong]
                    properties:
                      program: {type: string}
                      source: {type: string}
                      level: {type: string, nullable: true}
                      years: {type: string}
                      amount_dong: {type: integer}
                communes:
                  type: array
                  items:
                    type: object
                    required: [id, name, met, missing, planned]
                    properties:
                      id: {type: string}
                      name: {type: string}
                      met: {type: array, items: {type: string}}
                      missing: {type: array, items: {type: string}}
                      planned: {type: object, additionalProperties: {type: integer}}
                budget: {type: array, items: {$ref: '#/components/schemas/Section'}}
            WhatIf:
              type: object
              required: [based_on]
              properties:
                based_on: {type: integer, description: the latest version number the change was made against; a later one makes the change stale (409)}
                name: {type: string}
                note: {type: string}
                values:
                  type: object
                  description: Values not given keep the version's; an empty text removes the value.
                  properties:
                    horizon: {type: string, example: "2022-2025"}
                    capacity: {type: string}
                    minimum_progress: {type: string}
                    standard_bonus: {type: string}
                    priority: {type: string, example: "border=2, especially-difficult=2"}
                    official_targets: {type: boolean}
                    targets: {type: array, items: {type: string}}
                envelope_changes:
                  type: array
                  items:
                    type: object
                    description: Envelopes chosen by program, source, level and years, scaled by percent or set to amount (the scenario's unit).
                    properties:
                      program: {type: string}
                      source: {type: string}
                      level: {type: string}
                      years: {type: string}
                      percent: {type: string}
                      amount: {type: string}
                      reason: {type: string}
            Differences:
              type: object
              required: [from, to, differences]
              properties:
                from: {type: integer}
                to: {type: integer}
                differences:
                  type: array
                  items:
                    type: object
                    required: [key]
                    properties:
                      key: {type: string}
                      from: {type: string, nullable: true}
                      to: {type: string, nullable: true}
            RunRequest:
              type: object
              required: [version_id, kind]
              properties:
                version_id: {type: integer}
                kind: {type: string, enum: [plan, baseline, sweep]}
                method: {type: string, enum: [official, formula, greedy], description: the baseline's}
                time_limit: {type: number, exclusiveMinimum: true, minimum: 0}
                gap: {type: number, minimum: 0}
                search: {type: string, enum: [automatic, direct, decomposition]}
                sources: {type: array, items: {type: string}, description: the sweep's sources}
                scale: {type: string, example: "0.5:1.5:0.25", description: the sweep's FROM:TO:STEP}
            Run:
              type: object
              required: [id, kind, state, cancelling, scenario_id, version_id, version_number, made_by, queued_at, shown]
              properties:
                id: {type: integer}
                kind: {type: string, enum: [plan, baseline, sweep]}
                state: {type: string, enum: [queued, running, done, failed, cancelled, interrupted]}
                cancelling: {type: boolean}
                scenario_id: {type: integer}
                version_id: {type: integer}
                version_number: {type: integer}
                request: {type: object}
                progress:
                  type: object
                  properties:
                    elapsed_seconds: {type: number}
                    incumbent: {type: number}
                    best_bound: {type: number}
                    relative_gap: {type: number}
                    point: {type: integer}
                    points: {type: integer}
                message: {type: string}
                plan_id: {type: integer}
                made_by: {type: string}
                queued_at: {type: string, format: date-time}
                started_at: {type: string, format: date-time}
                finished_at: {type: string, format: date-time}
                shown:
                  type: object
                  description: the figures as the run page writes them
                  additionalProperties: {type: string}
            Plan:
              type: object
              required: [id, name, scenario_id, version_id, version_number, scenario_name, method, termination, made_by, made_at]
              properties:
                id: {type: integer}
                name: {type: string}
                scenario_id: {type: integer}
                version_id: {type: integer}
                version_number: {type: integer}
                scenario_name: {type: string}
                method: {type: string, enum: [optimizer, official, formula, greedy]}
                termination: {type: string}
                criteria_years: {type: integer, nullable: true}
                objective_value: {type: number, nullable: true}
                made_by: {type: string}
                made_at: {type: string, format: date-time}
                data_digest: {type: string}
                generator: {type: string}
                scenario_digest: {type: string}
                run_id: {type: integer}
            Event:
              type: object
              required: [id, at, actor, action, subject, detail]
              properties:
                id: {type: integer}
                at: {type: string, format: date-time}
                actor: {type: string}
                action: {type: string}
                subject: {type: string}
                detail: {type: string}
        security:
          - session: []
        paths:
          /openapi.yaml:
            get:
              summary: This document.
              security: []
              responses:
                '200':
                  description: The OpenAPI document.
                  content:
                    application/yaml: {}
          /api/session:
            get:
              summary: Who is logged in, whether login is required, and the CSRF token of this session.
              security: []
              responses:
                '200':
                  description: The session.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Session'}
            post:
              summary: Log in; the answer sets a new session cookie and gives its CSRF token.
              security: [{csrf: []}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name, password]
                      properties:
                        name: {type: string}
                        password: {type: string}
              responses:
                '200':
                  description: Logged in.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Login'}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Error'}
                '403': {$ref: '#/components/responses/Error'}
            delete:
              summary: Log out.
              security: [{session: [], csrf: []}]
              responses:
                '204': {description: Logged out.}
                '403': {$ref: '#/components/responses/Error'}
          /api/scenarios:
            get:
              summary: Every scenario with its latest version.
              responses:
                '200':
                  description: The scenarios, by name.
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Scenario'}}
                '401': {$ref: '#/components/responses/Error'}
            post:
              summary: Upload a scenario (one department workbook, .xlsx, read as ntp import reads it; or a YAML file and the files it names); checked like every scenario, stored whole or not at all.
              security: [{session: [], csrf: []}]
              requestBody:
                required: true
                content:
                  multipart/form-data:
                    schema:
                      type: object
                      required: [files]
                      properties:
                        files: {type: array, items: {type: string, format: binary}}
                        root: {type: string, description: the scenario file when several are uploaded}
                        name: {type: string}
                        scope: {type: string, description: "a workbook's area (a district or province id), when it does not say"}
                        criteria_set: {type: string, description: "a workbook's criteria set, when it does not say"}
                        phase: {type: string, description: "a workbook's program phase, when it does not say"}
                        unit: {type: string, enum: [trieu, ty], description: "the unit of a workbook's amounts, when it does not say"}
              responses:
                '201':
                  description: The new scenario.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Scenario'}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Error'}
                '403': {$ref: '#/components/responses/Error'}
                '413': {$ref: '#/components/responses/Error'}
                '422': {$ref: '#/components/responses/Error'}
          /api/scenarios/{id}:
            get:
              summary: A scenario and its versions, newest first.
              parameters: [{$ref: '#/components/parameters/Id'}]
              responses:
                '200':
                  description: The scenario.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/ScenarioDetail'}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/scenarios/{id}/versions/{number}:
            get:
              summary: A version loaded with the data folder, its money (the budget report's tables), status and policy; or why it does not load.
              parameters: [{$ref: '#/components/parameters/Id'}, {$ref: '#/components/parameters/Number'}, {$ref: '#/components/parameters/Lang'}]
              responses:
                '200':
                  description: The version.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/VersionDetail'}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/scenarios/{id}/versions/{number}/what-if:
            post:
              summary: Save a what-if on this version as a new version, after the scenario loaders accept it.
              security: [{session: [], csrf: []}]
              parameters: [{$ref: '#/components/parameters/Id'}, {$ref: '#/components/parameters/Number'}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/WhatIf'}
              responses:
                '201':
                  description: The new version.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Version'}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Error'}
                '403': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
                '409': {$ref: '#/components/responses/Error'}
                '422': {$ref: '#/components/responses/Error'}
          /api/scenarios/{id}/diff:
            get:
              summary: What differs between two versions' effective inputs.
              parameters:
                - {$ref: '#/components/parameters/Id'}
                - {name: from, in: query, required: true, schema: {type: integer}}
                - {name: to, in: query, required: true, schema: {type: integer}}
              responses:
                '200':
                  description: The differences.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Differences'}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/runs:
            get:
              summary: Runs, newest first.
              parameters: [{$ref: '#/components/parameters/Limit'}, {$ref: '#/components/parameters/Offset'}, {$ref: '#/components/parameters/Lang'}]
              responses:
                '200':
                  description: The runs.
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Run'}}
                '401': {$ref: '#/components/responses/Error'}
            post:
              summary: Queue a run of a version (the optimizer, a baseline or a budget sweep).
              security: [{session: [], csrf: []}]
              parameters: [{$ref: '#/components/parameters/Lang'}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/RunRequest'}
              responses:
                '202':
                  description: The run, queued.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Run'}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Error'}
                '403': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
                '422': {$ref: '#/components/responses/Error'}
          /api/runs/{id}:
            get:
              summary: A run and its latest progress (incumbent, bound, gap, elapsed).
              parameters: [{$ref: '#/components/parameters/Id'}, {$ref: '#/components/parameters/Lang'}]
              responses:
                '200':
                  description: The run.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Run'}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/runs/{id}/sweep:
            get:
              summary: A finished sweep's points, as ntp sweep --format json writes them.
              parameters: [{$ref: '#/components/parameters/Id'}]
              responses:
                '200':
                  description: The points.
                  content:
                    application/json:
                      schema: {type: array, items: {type: object}}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/runs/{id}/cancel:
            post:
              summary: Cancel a run; a running solver stops at its next callback. Refused (409) once the run is storing its result.
              security: [{session: [], csrf: []}]
              parameters: [{$ref: '#/components/parameters/Id'}, {$ref: '#/components/parameters/Lang'}]
              responses:
                '200':
                  description: The run as it now is.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Run'}
                '401': {$ref: '#/components/responses/Error'}
                '403': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
                '409': {$ref: '#/components/responses/Error'}
          /api/plans:
            get:
              summary: Plans, newest first.
              parameters:
                - {$ref: '#/components/parameters/Limit'}
                - {$ref: '#/components/parameters/Offset'}
                - {$ref: '#/components/parameters/Lang'}
                - {name: scenario, in: query, required: false, schema: {type: integer}}
              responses:
                '200':
                  description: The plans.
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Plan'}}
                '401': {$ref: '#/components/responses/Error'}
          /api/plans/{id}:
            get:
              summary: A plan and the inputs it was made from.
              parameters: [{$ref: '#/components/parameters/Id'}, {$ref: '#/components/parameters/Lang'}]
              responses:
                '200':
                  description: The plan.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Plan'}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/plans/{id}/document:
            get:
              summary: The plan file (docs/plan-format.md) as stored.
              parameters: [{$ref: '#/components/parameters/Id'}]
              responses:
                '200':
                  description: The plan file.
                  content:
                    application/json: {schema: {type: object}}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/plans/{id}/export/{format}:
            get:
              summary: The plan exported (docs/export-formats.md), CSV as a zip of its folder; with `compare`, the comparison with another plan.
              parameters:
                - {$ref: '#/components/parameters/Id'}
                - {name: format, in: path, required: true, schema: {type: string, enum: [xlsx, csv, json, html]}}
                - {$ref: '#/components/parameters/Lang'}
                - {name: compare, in: query, required: false, schema: {type: integer}}
              responses:
                '200':
                  description: The file.
                  content:
                    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: {}
                    application/zip: {}
                    application/json: {}
                    text/html: {}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/plans/{id}/explain:
            get:
              summary: Why a commune's criteria land in the years the plan gives them (ntp explain).
              parameters:
                - {$ref: '#/components/parameters/Id'}
                - {name: commune, in: query, required: true, schema: {type: string}}
                - {name: criterion, in: query, required: false, schema: {type: string}}
                - {$ref: '#/components/parameters/Lang'}
              responses:
                '200':
                  description: The explanation, one text per criterion.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [commune, explanations]
                        properties:
                          commune: {type: string}
                          explanations: {type: array, items: {type: string}}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/compare:
            get:
              summary: Two or more plans side by side (the JSON of ntp compare, docs/compare.md).
              parameters:
                - {name: plan, in: query, required: true, schema: {type: array, items: {type: integer}, minItems: 2}, style: form, explode: true}
                - {$ref: '#/components/parameters/Lang'}
              responses:
                '200':
                  description: The comparison.
                  content:
                    application/json: {schema: {type: object}}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Error'}
                '404': {$ref: '#/components/responses/Error'}
          /api/users:
            get:
              summary: The accounts (admin).
              responses:
                '200':
                  description: The accounts.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          type: object
                          required: [name, role, made_at]
                          properties:
                            name: {type: string}
                            role: {type: string, enum: [viewer, planner, admin]}
                            made_at: {type: string, format: date-time}
                '401': {$ref: '#/components/responses/Error'}
                '403': {$ref: '#/components/responses/Error'}
            post:
              summary: Add an account (admin); from then on the workbench needs a login.
              security: [{session: [], csrf: []}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name, password, role]
                      properties:
                        name: {type: string}
                        password: {type: string, minLength: 8}
                        role: {type: string, enum: [viewer, planner, admin]}
              responses:
                '201':
                  description: The account.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [name, role]
                        properties:
                          name: {type: string}
                          role: {type: string}
                '400': {$ref: '#/components/responses/Error'}
                '401': {$ref: '#/components/responses/Error'}
                '403': {$ref: '#/components/responses/Error'}
                '422': {$ref: '#/components/responses/Error'}
          /api/events:
            get:
              summary: Who did what when, newest first.
              parameters: [{name: limit, in: query, required: false, schema: {type: integer, minimum: 1, maximum: 1000}}]
              responses:
                '200':
                  description: The events.
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Event'}}
                '401': {$ref: '#/components/responses/Error'}

        """
}
