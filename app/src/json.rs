//! JSON read and written by the browser's own `JSON.parse` and `JSON.stringify`, with
//! serde-wasm-bindgen between them and our types: no JSON parser of ours in the download.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The value `text` holds, if it is JSON of that shape.
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
}

/// `value` as JSON text, with maps as objects and a missing value as `null`, as serde_json writes them.
pub fn write<T: Serialize>(value: &T) -> Option<String> {
    let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}
