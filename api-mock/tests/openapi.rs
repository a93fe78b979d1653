//! The OpenAPI document covers every route, and only routes there are; the browsable page needs
//! nothing from outside the mock.

mod common;

use api_mock::{openapi, operations, AppState};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{get, send};
use serde_json::{json, Value};
use shared::api::Field;
use shared::{Problem, Refusal};

/// A request for a documented operation, with its path parameters filled in and a JSON body.
fn request_for(operation: &str) -> Request<Body> {
    let (method, template) = operation.split_once(' ').unwrap();
    let path: String = template.split('/').map(|part| if part.starts_with('{') { "x" } else { part }).collect::<Vec<_>>().join("/");
    Request::builder()
        .method(Method::from_bytes(method.as_bytes()).unwrap())
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap()
}

#[tokio::test]
async fn the_document_is_openapi_3_1_with_every_operation_described() {
    let state = AppState::in_memory(None);
    let answer = send(&state, get("/api/openapi.json")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let document = answer.body;
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"), "{}", document["openapi"]);
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let what = format!("{method} {path}");
            assert!(operation["responses"].as_object().is_some_and(|r| !r.is_empty()), "{what} has no responses");
            assert!(operation["summary"].as_str().is_some_and(|s| !s.is_empty()), "{what} has no summary");
            assert!(!operation["tags"].as_array().unwrap().is_empty(), "{what} has no tag");
        }
    }
    for schema in ["ValidateRequest", "ValidateResponse", "RegistrationStatus", "Confirmation", "ErrorResponse", "FaultRule", "ScenarioLoaded", "OutboxEntry"] {
        assert!(document["components"]["schemas"][schema].is_object(), "no schema {schema}");
    }
    let registration = &document["paths"]["/api/v1/registrations"]["post"];
    assert!(registration["requestBody"]["content"]["application/json"]["example"]["pesel"].is_string(), "the registration has an example");
    for status in ["201", "400", "409", "413", "415", "422", "503"] {
        assert!(registration["responses"][status].is_object(), "POST /api/v1/registrations documents {status}");
    }
}

#[test]
fn every_operation_has_its_own_camel_case_id_and_every_answer_a_description() {
    let document = serde_json::to_value(openapi(true)).unwrap();
    let mut ids = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(id.chars().next().unwrap().is_ascii_lowercase() && id.chars().all(|c| c.is_ascii_alphanumeric()), "{id} is not camelCase");
            ids.push(id.to_owned());
            for (status, answer) in operation["responses"].as_object().unwrap() {
                assert!(answer["description"].as_str().is_some_and(|d| !d.is_empty()), "{method} {path} {status} has no description");
            }
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "an operationId is used twice: {ids:?}");
    for expected in ["createRegistration", "getRegistration", "confirmSmsCode", "resendSmsCode", "validateFields", "checkUsername", "getClock", "setClock"] {
        assert!(ids.iter().any(|id| id == expected), "no {expected}");
    }
}

#[test]
fn the_schemas_say_what_the_server_refuses() {
    let document = serde_json::to_value(openapi(true)).unwrap();
    let schemas = &document["components"]["schemas"];
    let registration = &schemas["RegistrationRequest"];
    let required: Vec<&str> = registration["required"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(required.len(), 12, "{required:?}");
    assert!(!required.contains(&"second_name") && !required.contains(&"id_card"), "{required:?}");
    assert_eq!(registration["additionalProperties"], false);
    let variants = schemas["Confirmation"]["oneOf"].as_array().unwrap();
    let titles: Vec<&str> = variants.iter().map(|v| v["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["ConfirmationVideo", "ConfirmationInPerson", "ConfirmationBank", "ConfirmationEId"]);
    assert!(variants.iter().all(|v| v["additionalProperties"] == false), "{variants:?}");
    assert_eq!(schemas["ClockChange"]["oneOf"].as_array().unwrap().len(), 2, "a clock change sets or advances, never both");
    assert_eq!(
        (&schemas["FaultRule"]["properties"]["status"]["minimum"], &schemas["FaultRule"]["properties"]["status"]["maximum"]),
        (&json!(400), &json!(599))
    );
    let links = document["paths"]["/api/v1/registrations"]["post"]["responses"]["201"]["links"].as_object().unwrap();
    for target in ["getRegistration", "confirmSmsCode", "resendSmsCode"] {
        assert_eq!(links[target]["parameters"]["id"], "$response.body#/id", "{target}");
    }
}

/// Every string of the document, wherever it stands.
fn strings<'d>(value: &'d Value, into: &mut Vec<&'d str>) {
    match value {
        Value::String(text) => into.push(text),
        Value::Array(items) => items.iter().for_each(|item| strings(item, into)),
        Value::Object(fields) => fields.values().for_each(|item| strings(item, into)),
        _ => {}
    }
}

#[test]
fn every_code_the_document_names_is_one_the_service_answers() {
    let document = serde_json::to_value(openapi(true)).unwrap();
    let mut texts = Vec::new();
    strings(&document, &mut texts);
    let fields = Field::TEXT.into_iter().chain([Field::Confirmation, Field::Consent, Field::SmsCode, Field::Login, Field::EmailCode, Field::CurrentPassword]);
    let fields: Vec<Field> = fields.collect();
    let is_code = |word: &str| word.contains('.') && word.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.') && !word.ends_with('.');
    let mut named = 0;
    for text in texts {
        for word in text.split('`').skip(1).step_by(2).flat_map(|quoted| quoted.split([' ', ';', ','])).filter(|w| is_code(w)) {
            named += 1;
            let known = Refusal::from_code(word).is_some() || fields.iter().any(|field| Problem::from_code(*field, word).is_some());
            assert!(known, "the document names `{word}`, a code the service never answers: {text}");
        }
    }
    assert!(named > 40, "the descriptions name the codes of their refusals ({named} found)");
    let listed = &document["components"]["schemas"]["Refusal"]["enum"];
    assert_eq!(listed.as_array().map(Vec::len), Some(Refusal::ALL.len()), "the error body's code lists every refusal: {listed}");
}

/// Marks the app's page in the static folder, so an answer that is only the client-route
/// fallback (what any unknown path gets) cannot pass for an operation's.
const APP_PAGE: &str = "<!doctype html><title>the app</title><!-- the client-route fallback, not an operation -->";

/// State serving a static folder with only `index.html`, as a deployment serves `dist/`.
fn with_static_folder(test: &str) -> AppState {
    let dir = std::env::temp_dir().join(format!("api-mock-openapi-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), APP_PAGE).unwrap();
    // No rate limit: every route is asked several times.
    AppState { rate_limit: api_mock::limits::RateLimit::default(), ..AppState::in_memory(Some(dir)) }
}

/// The operation of `document` at `method` and the concrete `path`, if one is documented.
fn documented<'d>(document: &'d Value, method: &str, path: &str) -> Option<(&'d str, &'d Value)> {
    let segments: Vec<&str> = path.split('/').collect();
    document["paths"].as_object().unwrap().iter().find_map(|(template, item)| {
        let parts: Vec<&str> = template.split('/').collect();
        let matches = parts.len() == segments.len() && parts.iter().zip(&segments).all(|(part, segment)| part.starts_with('{') || part == segment);
        matches.then(|| item.get(method.to_lowercase()).map(|operation| (template.as_str(), operation))).flatten()
    })
}

#[tokio::test]
async fn every_documented_operation_is_served() {
    let state = with_static_folder("served");
    let document = serde_json::to_value(openapi(true)).unwrap();
    let operations = operations(&openapi(true));
    for expected in ["GET /api/health", "POST /api/v1/registrations", "PUT /api/dev/faults", "GET /dev/outbox"] {
        assert!(operations.iter().any(|o| o == expected), "{expected} in {operations:?}");
    }
    for operation in operations {
        let request = request_for(&operation);
        let (method, path) = (request.method().to_string(), request.uri().path().to_owned());
        let (_, described) = documented(&document, &method, &path).expect("the operation is in the document");
        let answer = send(&state, request).await;
        // The answer is one the document gives for this operation, in a documented media type…
        let status = answer.status.as_str().to_owned();
        let response = described["responses"].get(&status).or_else(|| described["responses"].get("default"));
        let response = response.unwrap_or_else(|| panic!("{operation} answered {status}, which its document does not list: {}", answer.body));
        if let Some(content) = response["content"].as_object().filter(|c| !c.is_empty()) {
            let media_type = answer.headers.get(header::CONTENT_TYPE).and_then(|t| t.to_str().ok()).unwrap_or_default();
            let media_type = media_type.split(';').next().unwrap_or_default().trim();
            assert!(content.contains_key(media_type), "{operation} {status} answered {media_type:?}, documented {:?}", content.keys().collect::<Vec<_>>());
        }
        // …and not the client-route fallback that any path the router does not know gets.
        assert!(!answer.body.to_string().contains("client-route fallback"), "{operation} is documented but not served: the app's page answered");
        assert_ne!(answer.body["error"]["code"], "route.not_found", "{operation} is documented but not served");
    }
}

#[tokio::test]
async fn without_dev_the_document_has_no_dev_route() {
    let operations = operations(&openapi(false));
    assert!(operations.contains(&"POST /api/v1/registrations".to_owned()));
    assert!(operations.iter().all(|o| !o.contains("/dev/")), "{operations:?}");
}

/// Every path written in the mock's sources, as a concrete path (`{id}` as `x`): the candidates a
/// route could be mounted at.
fn paths_in_the_sources() -> Vec<String> {
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                for literal in source.split('"').skip(1).step_by(2) {
                    let looks_like_a_path =
                        literal.starts_with('/') && literal.len() > 1 && literal.chars().all(|c| c.is_ascii_alphanumeric() || "/-_.{}*".contains(c));
                    if looks_like_a_path {
                        let concrete: Vec<&str> = literal.split('/').map(|part| if part.starts_with('{') { "x" } else { part }).collect();
                        found.push(concrete.join("/"));
                    }
                }
            }
        }
    }
    let mut found = vec!["/".to_owned()];
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
    found.sort();
    found.dedup();
    found
}

/// The router itself, asked at every path the sources name and a few no source names, with every
/// method: what the document does not list gets only what an unknown path gets (the API's JSON
/// 404, the docs viewer's own pages, the app's page, or 405). So a route mounted past the document (a plain `.route`, a `.fallback`, a merged
/// `Router`, a nested service) fails here whatever way it was written.
#[tokio::test]
async fn no_route_is_mounted_past_the_document() {
    let state = with_static_folder("unmounted");
    let document = serde_json::to_value(openapi(true)).unwrap();
    let mut paths = paths_in_the_sources();
    assert!(paths.len() > 40, "the sources name the routes' paths: {paths:?}");
    paths.extend(["/api/v1/nothing-here", "/api/nothing", "/dev/nothing-here", "/nothing-here", "/a/b/c/d"].map(String::from));
    for path in paths {
        for method in ["GET", "PUT", "POST", "DELETE", "PATCH"] {
            if documented(&document, method, &path).is_some() {
                continue;
            }
            let request = Request::builder().method(method).uri(&path).header(header::CONTENT_TYPE, "application/json").body(Body::from("{}")).unwrap();
            let answer = send(&state, request).await;
            let what = format!("{method} {path} ({}): {}", answer.status, answer.body);
            let names_a_file = path.rsplit('/').next().is_some_and(|last| last.contains('.'));
            let unknown = if answer.status == StatusCode::METHOD_NOT_ALLOWED {
                // Not served for this method (another method is, or it is the app's folder, which
                // only reads); a route mounted for this method would answer itself, and every
                // method is asked.
                true
            } else if path == "/api/docs" || path.starts_with("/api/docs/") {
                // The docs viewer (Swagger UI's own files): the one thing served beside the document.
                method == "GET"
            } else if answer.body["error"]["code"] == "route.not_found" {
                answer.status == StatusCode::NOT_FOUND
            } else {
                method == "GET"
                    && if names_a_file { answer.status == StatusCode::NOT_FOUND && answer.body == "" } else { answer.body.as_str() == Some(APP_PAGE) }
            };
            assert!(unknown, "served but not documented: {what}");
        }
    }
}

#[tokio::test]
async fn the_docs_page_is_served_from_the_mock_itself() {
    let state = AppState::in_memory(None);
    let page = send(&state, get("/api/docs/")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body.as_str().unwrap().to_owned();
    assert!(html.contains("swagger-ui"), "{html}");
    for line in html.lines().filter(|l| l.contains("src=") || l.contains("href=")) {
        assert!(!line.contains("http://") && !line.contains("https://") && !line.contains("//cdn"), "an outside resource: {line}");
    }
    let initializer = send(&state, get("/api/docs/swagger-initializer.js")).await.body;
    assert!(initializer.as_str().unwrap().contains("/api/openapi.json"), "{initializer}");
    let bundle = send(&state, get("/api/docs/swagger-ui-bundle.js")).await;
    assert_eq!(bundle.status, StatusCode::OK);
    assert!(matches!(bundle.body, Value::String(ref s) if s.len() > 100_000), "the viewer's script is built in");
}
