//! Password protection of backups with the browser's WebCrypto (`crypto.subtle`): PBKDF2-SHA-256
//! derives an AES-256-GCM key from the password; the envelope around the ciphertext is
//! `domain::backup` ([`encode_envelope`], [`open_backup_file`]). Reached through `Reflect`, like
//! the SHA-256 helper in `store::diary`, so web-sys needs no extra features.
//!
//! The password lives only for the duration of a call: it is never stored, logged or put in
//! the address. The derived key is created non-extractable and dropped with the call.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::backup::{
    encode_envelope, EnvelopeError, Sealed, KDF_ITERATIONS, NONCE_BYTES, SALT_BYTES,
};

/// Why a backup could not be encrypted (nothing was exported).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// No `crypto.subtle` (a page not on https or localhost).
    #[error("WebCrypto is not available here")]
    Unavailable,
    #[error("the browser refused to encrypt: {0}")]
    Failed(String),
}

struct Subtle {
    crypto: JsValue,
    subtle: JsValue,
}

fn subtle() -> Option<Subtle> {
    let window = web_sys::window()?;
    let crypto = Reflect::get(&window, &"crypto".into()).ok()?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok()?;
    (!subtle.is_undefined() && !subtle.is_null()).then_some(Subtle { crypto, subtle })
}

fn object(fields: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

impl Subtle {
    /// `crypto.subtle[method](...args)`, awaited.
    async fn call(&self, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
        let f: Function = Reflect::get(&self.subtle, &method.into())?.dyn_into()?;
        let promise: Promise = f
            .apply(&self.subtle, &args.iter().collect::<Array>())?
            .dyn_into()?;
        JsFuture::from(promise).await
    }

    fn random(&self, n: usize) -> Result<Vec<u8>, JsValue> {
        let array = Uint8Array::new_with_length(n as u32);
        let f: Function = Reflect::get(&self.crypto, &"getRandomValues".into())?.dyn_into()?;
        f.call1(&self.crypto, &array)?;
        Ok(array.to_vec())
    }

    /// The AES-256-GCM key for `password` (its UTF-8 bytes as typed), non-extractable.
    async fn key(&self, password: &str, salt: &[u8], iterations: u32) -> Result<JsValue, JsValue> {
        let usages = |u: &[&str]| u.iter().map(|s| JsValue::from_str(s)).collect::<Array>();
        let base = self
            .call(
                "importKey",
                &[
                    "raw".into(),
                    Uint8Array::from(password.as_bytes()).into(),
                    "PBKDF2".into(),
                    false.into(),
                    usages(&["deriveKey"]).into(),
                ],
            )
            .await?;
        let params = object(&[
            ("name", "PBKDF2".into()),
            ("salt", Uint8Array::from(salt).into()),
            ("iterations", iterations.into()),
            ("hash", "SHA-256".into()),
        ]);
        let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
        self.call(
            "deriveKey",
            &[
                params.into(),
                base,
                aes.into(),
                false.into(),
                usages(&["encrypt", "decrypt"]).into(),
            ],
        )
        .await
    }

    /// `encrypt` or `decrypt` with AES-GCM (128-bit tag at the end of the ciphertext).
    async fn gcm(
        &self,
        method: &str,
        key: JsValue,
        nonce: &[u8],
        data: &[u8],
    ) -> Result<Vec<u8>, JsValue> {
        let params = object(&[
            ("name", "AES-GCM".into()),
            ("iv", Uint8Array::from(nonce).into()),
        ]);
        let out = self
            .call(method, &[params.into(), key, Uint8Array::from(data).into()])
            .await?;
        Ok(Uint8Array::new(&out).to_vec())
    }
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Encrypts a whole backup file (`plain`, as `domain::backup::export_backup` wrote it) under
/// `password` with a fresh random salt and nonce; returns the envelope's JSON text.
pub async fn seal(password: &str, plain: &[u8]) -> Result<String, SealError> {
    seal_with(password, plain, KDF_ITERATIONS).await
}

/// [`seal`] with another iteration count (tests: a file the importer must refuse).
pub async fn seal_with(password: &str, plain: &[u8], iterations: u32) -> Result<String, SealError> {
    let subtle = subtle().ok_or(SealError::Unavailable)?;
    let failed = |e: JsValue| SealError::Failed(describe(&e));
    let salt = subtle.random(SALT_BYTES).map_err(failed)?;
    let nonce = subtle.random(NONCE_BYTES).map_err(failed)?;
    let key = subtle
        .key(password, &salt, iterations)
        .await
        .map_err(failed)?;
    let ciphertext = subtle
        .gcm("encrypt", key, &nonce, plain)
        .await
        .map_err(failed)?;
    Ok(encode_envelope(&Sealed {
        iterations,
        salt,
        nonce,
        ciphertext,
    }))
}

/// Decrypts an envelope's contents: the plain backup bytes, or
/// [`EnvelopeError::WrongPasswordOrChanged`] when the GCM tag does not verify (wrong password,
/// or any byte of salt, nonce or ciphertext changed).
pub async fn open(password: &str, sealed: &Sealed) -> Result<Vec<u8>, EnvelopeError> {
    if password.is_empty() {
        return Err(EnvelopeError::NoPassword);
    }
    let subtle = subtle().ok_or(EnvelopeError::Unavailable)?;
    let key = subtle
        .key(password, &sealed.salt, sealed.iterations)
        .await
        .map_err(|_| EnvelopeError::WrongPasswordOrChanged)?;
    subtle
        .gcm("decrypt", key, &sealed.nonce, &sealed.ciphertext)
        .await
        .map_err(|_| EnvelopeError::WrongPasswordOrChanged)
}

impl SealError {
    /// What the merchant reads: nothing was exported, and what to do.
    pub fn message(&self) -> crate::domain::text::Bilingual {
        use crate::domain::text::Bilingual;
        match self {
            SealError::Unavailable => Bilingual::new(
                "这个页面无法加密，文件没有导出。请用以 https:// 开头的地址打开本站后再试。",
                "This page cannot encrypt, so nothing was exported. Open this site at an address starting with https:// and try again.",
            ),
            SealError::Failed(_) => Bilingual::new(
                "浏览器没能加密文件，文件没有导出。请换用手机自带的浏览器再试。",
                "The browser could not encrypt the file, so nothing was exported. Try again in your phone's own browser.",
            ),
        }
    }
}
