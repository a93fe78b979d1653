//! One module a rule. Each rule parses or checks one input and answers a typed error whose stable
//! code (`username.forbidden_char`) is what the API sends and what the serde form of the error is.

pub mod confirmation;
pub mod email;
pub mod email_code;
pub mod id_card;
pub mod login;
pub mod name;
pub mod password;
pub mod pesel;
pub mod phone;
pub mod repeat;
pub mod sms_code;
pub mod username;

/// Declares an error enum of a rule with the stable code of each variant, its list of every
/// variant, and serde (de)serialisation as that code.
macro_rules! error_codes {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable code the API answers, e.g. `username.forbidden_char`.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|e| e.code() == code)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::from_code(&code).ok_or_else(|| serde::de::Error::unknown_variant(&code, &[$($code,)+]))
            }
        }
    };
}
pub(crate) use error_codes;
