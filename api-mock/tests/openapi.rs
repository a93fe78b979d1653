//! The OpenAPI document covers every route, and only routes there are; the browsable page needs
//! nothing from outside the mock.

mod common;

use api_mock::{openapi, operations, AppState};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{get, send};
use serde_json::{json, Value};

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

#[tokio::test]
async fn every_documented_operation_is_served() {
    let state = AppState::in_memory(None);
    let operations = operations(&openapi(true));
    for expected in ["GET /api/health", "POST /api/v1/registrations", "PUT /api/dev/faults", "GET /dev/outbox"] {
        assert!(operations.iter().any(|o| o == expected), "{expected} in {operations:?}");
    }
    for operation in operations {
        let answer = send(&state, request_for(&operation)).await;
        assert_ne!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{operation}");
        assert_ne!(answer.body["error"]["code"], "route.not_found", "{operation} is documented but not served");
    }
}

#[tokio::test]
async fn without_dev_the_document_has_no_dev_route() {
    let operations = operations(&openapi(false));
    assert!(operations.contains(&"POST /api/v1/registrations".to_owned()));
    assert!(operations.iter().all(|o| !o.contains("/dev/")), "{operations:?}");
}

/// Every route is declared with `utoipa_axum::routes!`, which documents it; the one plain axum
/// route is the JSON 404 for unknown API paths. So a route cannot be served undocumented.
#[test]
fn no_route_is_mounted_past_the_document() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes");
    let mut plain = Vec::new();
    for file in std::fs::read_dir(&dir).unwrap() {
        let path = file.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        plain.extend(
            source
                .lines()
                .filter(|l| l.contains(".route(") || l.contains(".route_service(") || l.contains(".nest("))
                .map(|l| format!("{}: {}", path.display(), l.trim())),
        );
    }
    assert_eq!(plain.len(), 1, "routes mounted without the document: {plain:#?}");
    assert!(plain[0].contains(r#".route("/api/{*rest}", any(|| async { ApiError::NotFound }))"#), "{plain:?}");
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
