//! Licence numbers: the `Z20 NNN PP 0000 1 C` format, its errors and the Luhn check digit.

use serde::Serialize;
use thiserror::Error;

use crate::domain::text::{fold_width, Bilingual};

/// Why a text is not a well-formed licence number. Messages for the UI: [`LicenceNoError::message`].
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
pub enum LicenceNoError {
    #[error("licence number is empty")]
    Empty,
    #[error("licence number has {found} characters, expected 14")]
    WrongLength { found: usize },
    #[error("licence number must start with Z20")]
    BadPrefix,
    #[error("character {position} ({found:?}) must be a digit")]
    NotADigit { position: usize, found: char },
    #[error("characters 9–13 must be 00001, found {found}")]
    BadFixedPart { found: String },
    #[error("check digit is {found}, expected {expected}: probably a typo")]
    CheckDigit { expected: u8, found: u8 },
}

impl LicenceNoError {
    pub fn message(&self) -> Bilingual {
        match self {
            Self::Empty => Bilingual::new("请输入许可证编号。", "Please enter a licence number."),
            Self::WrongLength { found } => Bilingual::new(
                format!("许可证编号应为14位，您输入了{found}位。"),
                format!("A licence number has 14 characters; you entered {found}."),
            ),
            Self::BadPrefix => Bilingual::new(
                "许可证编号应以 Z20 开头。",
                "A licence number starts with Z20.",
            ),
            Self::NotADigit { position, found } => Bilingual::new(
                format!("第{position}位“{found}”应为数字。"),
                format!("Character {position} (“{found}”) should be a digit."),
            ),
            Self::BadFixedPart { found } => Bilingual::new(
                format!("第9–13位应为 00001，实际为 {found}。"),
                format!("Characters 9–13 should be 00001, not {found}."),
            ),
            Self::CheckDigit { expected, found } => Bilingual::new(
                format!("校验位是{found}，按从已发编号归纳出的规则应为{expected}（该规则未经官方文件确认）：很可能抄错了某一位。"),
                format!(
                    "The check digit is {found}, but by the rule inferred from the numbers issued (not confirmed by an official document) it should be {expected}: a character was probably mistyped."
                ),
            ),
        }
    }
}

/// A licence number that passed the format and check-digit rule (sources/README.md).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct LicenceNumber(String);

impl LicenceNumber {
    /// Accepts surrounding spaces, lower-case `z` and full-width characters, since users copy the
    /// number from screenshots and scans.
    pub fn parse(text: &str) -> Result<LicenceNumber, LicenceNoError> {
        let cleaned: String = text
            .chars()
            .map(fold_width)
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned.is_empty() {
            return Err(LicenceNoError::Empty);
        }
        let chars: Vec<char> = cleaned.chars().collect();
        if chars.len() != 14 {
            return Err(LicenceNoError::WrongLength { found: chars.len() });
        }
        if !cleaned.starts_with("Z20") {
            return Err(LicenceNoError::BadPrefix);
        }
        if let Some((i, &c)) = chars
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(LicenceNoError::NotADigit {
                position: i + 1,
                found: c,
            });
        }
        if &cleaned[8..13] != "00001" {
            return Err(LicenceNoError::BadFixedPart {
                found: cleaned[8..13].to_string(),
            });
        }
        let expected = check_digit(&cleaned[..13]).ok_or(LicenceNoError::BadPrefix)?;
        let found = chars[13] as u8 - b'0';
        if expected != found {
            return Err(LicenceNoError::CheckDigit { expected, found });
        }
        Ok(LicenceNumber(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Global issue serial 1–271 (sources/README.md), rising with the first-issue date.
    pub fn serial(&self) -> u16 {
        self.0[3..6].parse().unwrap_or(0)
    }

    /// GB/T 2260 province prefix of where the licensee was registered *when licensed*; it does
    /// not follow later moves (sources/README.md). Names are deliberately not mapped here.
    pub fn registered_province_code(&self) -> &str {
        &self.0[6..8]
    }
}

/// Luhn (mod 10) check digit over the first 13 characters, `Z` counted as 35 (sources/README.md:
/// verified on all 271 numbers; no official specification was found). `None` if the input is not
/// `Z` followed by 12 digits.
pub fn check_digit(first13: &str) -> Option<u8> {
    let bytes = first13.as_bytes();
    if bytes.len() != 13 || bytes[0] != b'Z' || !bytes[1..].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let values = std::iter::once(35u32).chain(bytes[1..].iter().map(|b| u32::from(b - b'0')));
    let values: Vec<u32> = values.collect();
    // Standard Luhn: the rightmost payload character is doubled, then every second one.
    let total: u32 = values
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &v)| {
            let v = if i % 2 == 0 { v * 2 } else { v };
            digit_sum(v)
        })
        .sum();
    Some(((10 - total % 10) % 10) as u8)
}

fn digit_sum(mut v: u32) -> u32 {
    let mut sum = 0;
    while v > 0 {
        sum += v % 10;
        v /= 10;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence::test_support::*;

    #[test]
    fn every_single_digit_change_is_caught() {
        // Luhn catches every single-digit substitution; check it on every 10th number.
        for l in registry().licences.iter().step_by(10) {
            let n = l.number.as_str();
            for pos in 3..14 {
                for d in b'0'..=b'9' {
                    if n.as_bytes()[pos] == d {
                        continue;
                    }
                    let mut bad = n.as_bytes().to_vec();
                    bad[pos] = d;
                    let bad = String::from_utf8(bad).unwrap();
                    assert!(LicenceNumber::parse(&bad).is_err(), "{bad} accepted");
                }
            }
        }
    }

    #[test]
    fn licence_number_errors_are_specific() {
        assert_eq!(LicenceNumber::parse(""), Err(LicenceNoError::Empty));
        assert_eq!(
            LicenceNumber::parse("Z200251100001"),
            Err(LicenceNoError::WrongLength { found: 13 })
        );
        assert_eq!(
            LicenceNumber::parse("X2002511000017"),
            Err(LicenceNoError::BadPrefix)
        );
        assert_eq!(
            LicenceNumber::parse("Z2002511A00017"),
            Err(LicenceNoError::NotADigit {
                position: 9,
                found: 'A'
            })
        );
        assert_eq!(
            LicenceNumber::parse("Z2002511000016"),
            Err(LicenceNoError::CheckDigit {
                expected: 7,
                found: 6
            })
        );
        // Full-width and lower case, as copied from a scan.
        let n = LicenceNumber::parse(" ｚ２００２５１１０００ 017 ").unwrap();
        assert_eq!(n.as_str(), "Z2002511000017");
        assert_eq!(n.serial(), 25);
        assert_eq!(n.registered_province_code(), "11");
        assert!(LicenceNoError::CheckDigit {
            expected: 7,
            found: 6
        }
        .message()
        .is_complete());
    }
}
