//! Browser test (wasm-bindgen-test in headless Chromium) for password-protected backups:
//! WebCrypto PBKDF2-SHA-256 + AES-256-GCM through `store::crypto`, the envelope through
//! `domain::backup`.
#![cfg(target_arch = "wasm32")]

use base64::Engine as _;
use pos_helper::domain::backup::{
    open_backup_file, EnvelopeError, OpenedFile, Sealed, KDF_ITERATIONS,
};
use pos_helper::store::crypto::{open, seal, seal_with};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PLAIN: &[u8] =
    "{\"format\": \"pos-helper-backup\", \"version\": 2, \"note\": \"身份证 110101199003070000\"}"
        .as_bytes();

fn sealed_of(text: &str) -> Sealed {
    match open_backup_file(text.as_bytes()) {
        Ok(OpenedFile::Encrypted(s)) => s,
        other => panic!("not an envelope: {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn encrypt_then_decrypt_gives_the_same_bytes_and_hides_them() {
    let text = seal("正确的密码 horse 8", PLAIN).await.unwrap();
    assert!(!text.contains("110101"), "the plain text must not show");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["iterations"], KDF_ITERATIONS);
    let sealed = sealed_of(&text);
    assert_eq!(
        sealed.ciphertext.len(),
        PLAIN.len() + 16,
        "GCM appends a 16-byte tag"
    );
    assert_eq!(open("正确的密码 horse 8", &sealed).await.unwrap(), PLAIN);

    // A fresh salt and nonce every time: the same input never gives the same file.
    let again = sealed_of(&seal("正确的密码 horse 8", PLAIN).await.unwrap());
    assert_ne!(again.salt, sealed.salt);
    assert_ne!(again.nonce, sealed.nonce);
    assert_ne!(again.ciphertext, sealed.ciphertext);
}

#[wasm_bindgen_test]
async fn a_wrong_password_is_refused() {
    let sealed = sealed_of(&seal("correct horse", PLAIN).await.unwrap());
    for wrong in [
        "correct hors",
        "Correct horse",
        "correct horse ",
        "另一个密码123",
    ] {
        assert_eq!(
            open(wrong, &sealed).await,
            Err(EnvelopeError::WrongPasswordOrChanged),
            "{wrong:?}"
        );
    }
    assert_eq!(open("", &sealed).await, Err(EnvelopeError::NoPassword));
}

#[wasm_bindgen_test]
async fn one_flipped_bit_anywhere_is_refused() {
    let sealed = sealed_of(&seal("correct horse", PLAIN).await.unwrap());
    let last = sealed.ciphertext.len() - 1;
    let mut flips: Vec<Sealed> = Vec::new();
    for i in [0, PLAIN.len() / 2, last - 8, last] {
        let mut s = sealed.clone();
        s.ciphertext[i] ^= 0x01;
        flips.push(s);
    }
    let mut s = sealed.clone();
    s.nonce[0] ^= 0x80;
    flips.push(s);
    let mut s = sealed.clone();
    s.salt[15] ^= 0x01;
    flips.push(s);
    let mut s = sealed.clone();
    s.iterations += 1;
    flips.push(s);
    for (i, s) in flips.iter().enumerate() {
        assert_eq!(
            open("correct horse", s).await,
            Err(EnvelopeError::WrongPasswordOrChanged),
            "flip {i}"
        );
    }
    // The untouched one still opens (the flips above are what failed).
    assert_eq!(open("correct horse", &sealed).await.unwrap(), PLAIN);
}

#[wasm_bindgen_test]
async fn a_file_edited_as_text_is_refused() {
    // One character of the base64 ciphertext changed in the file itself, as a tamperer would.
    let text = seal("correct horse", PLAIN).await.unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let b64 = v["ciphertext"].as_str().unwrap();
    let at = text.find(b64).unwrap() + b64.len() / 2;
    let mut bytes = text.clone().into_bytes();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    let sealed = match open_backup_file(&bytes) {
        Ok(OpenedFile::Encrypted(s)) => s,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        open("correct horse", &sealed).await,
        Err(EnvelopeError::WrongPasswordOrChanged)
    );
    // The envelope is standard: the base64 decodes to what `open` was given.
    let engine = base64::engine::general_purpose::STANDARD;
    assert_eq!(engine.decode(b64).unwrap(), sealed_of(&text).ciphertext);
}

#[wasm_bindgen_test]
async fn a_file_with_too_few_iterations_never_reaches_the_password() {
    let text = seal_with("correct horse", PLAIN, 1000).await.unwrap();
    assert!(matches!(
        open_backup_file(text.as_bytes()),
        Err(EnvelopeError::Iterations { .. })
    ));
}
