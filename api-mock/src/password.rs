//! Password hashing: argon2id with a random salt, in the PHC string format. Never logged.

use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;

/// The argon2id hash of `password` (OWASP's parameters: 19 MiB, 2 passes, 1 lane).
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("argon2 hashes any password within the length rule").to_string()
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};

    #[test]
    fn hashes_are_argon2id_salted_and_verifiable() {
        let (first, second) = (super::hash("Tajne#Haslo1"), super::hash("Tajne#Haslo1"));
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "each hash has its own salt");
        let parsed = PasswordHash::new(&first).unwrap();
        assert!(argon2::Argon2::default().verify_password(b"Tajne#Haslo1", &parsed).is_ok());
        assert!(argon2::Argon2::default().verify_password(b"Tajne#Haslo2", &parsed).is_err());
    }
}
