//! Sharing: QR codes for deep links (drawn as SVG path data, so the view builds the SVG
//! itself and nothing is injected as HTML) and detection of the in-app browsers merchants
//! open links in (WeChat, QQ, Alipay, DingTalk), which limit offline use and printing.

use qrcode::{EcLevel, QrCode};

/// Longest text we encode: a deep link with a query. Far below QR's capacity at level M,
/// and short enough to stay scannable from a printed poster.
pub const MAX_QR_BYTES: usize = 1024;

/// White border around the code, in modules (the QR standard asks for 4).
pub const QUIET_ZONE: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    #[error("the link is too long for a QR code ({0} bytes)")]
    TooLong(usize),
    #[error("the link could not be encoded")]
    Encode,
}

/// The dark/light modules of a QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// Encodes `text` (a URL) at error-correction level M (survives ~15 % damage: creased
    /// posters, glare on a phone screen).
    pub fn encode(text: &str) -> Result<QrMatrix, ShareError> {
        if text.len() > MAX_QR_BYTES {
            return Err(ShareError::TooLong(text.len()));
        }
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|_| ShareError::Encode)?;
        let width = code.width();
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        Ok(QrMatrix { width, dark })
    }

    /// Modules per side, without the quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// Side of the SVG viewBox: the code plus the quiet zone on both sides.
    pub fn view_size(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// SVG path data drawing every dark module, offset by the quiet zone. Horizontal runs
    /// of dark modules become one rectangle each, which keeps the path short.
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.width && self.is_dark(x, y) {
                    x += 1;
                }
                d.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                ));
            }
        }
        d
    }
}

/// In-app browsers that restrict what a web app can do (service workers, install, print,
/// long-lived storage), identified by the markers they put in the user agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InAppBrowser {
    WeChat,
    Qq,
    Alipay,
    DingTalk,
}

impl InAppBrowser {
    pub fn name_zh(self) -> &'static str {
        match self {
            InAppBrowser::WeChat => "微信",
            InAppBrowser::Qq => "QQ",
            InAppBrowser::Alipay => "支付宝",
            InAppBrowser::DingTalk => "钉钉",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            InAppBrowser::WeChat => "WeChat",
            InAppBrowser::Qq => "QQ",
            InAppBrowser::Alipay => "Alipay",
            InAppBrowser::DingTalk => "DingTalk",
        }
    }
}

/// Which in-app browser, if any, a user agent belongs to. QQ's in-app browser says `QQ/<ver>`;
/// the standalone QQ Browser (`MQQBrowser` without `QQ/`) is a full browser and not flagged.
pub fn detect_in_app(user_agent: &str) -> Option<InAppBrowser> {
    if user_agent.contains("MicroMessenger") {
        Some(InAppBrowser::WeChat)
    } else if user_agent.contains("AlipayClient") {
        Some(InAppBrowser::Alipay)
    } else if user_agent.contains("DingTalk") {
        Some(InAppBrowser::DingTalk)
    } else if user_agent.contains(" QQ/") {
        Some(InAppBrowser::Qq)
    } else {
        None
    }
}

/// True for browsers that may delete a site's stored data after 7 days without a visit:
/// Safari (its "Intelligent Tracking Prevention"), and every browser on iPhone and iPad, which
/// all run on Apple's WebKit. Chromium and Firefox on Android and desktop keep the data.
pub fn may_clear_after_seven_days(user_agent: &str) -> bool {
    let ios = ["iPhone", "iPad", "iPod"]
        .iter()
        .any(|d| user_agent.contains(d));
    let desktop_safari = user_agent.contains("Macintosh")
        && user_agent.contains("Safari/")
        && user_agent.contains("Version/")
        && !["Chrome/", "Chromium/", "Edg/", "Firefox/", "OPR/"]
            .iter()
            .any(|o| user_agent.contains(o));
    ios || desktop_safari
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws the matrix as a greyscale image (4 px per module, quiet zone included) and
    /// decodes it with an independent decoder.
    fn decode(matrix: &QrMatrix) -> String {
        const SCALE: usize = 4;
        let side = matrix.view_size() * SCALE;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (x / SCALE, y / SCALE);
            let inside = |m: usize| m >= QUIET_ZONE && m < QUIET_ZONE + matrix.width();
            if inside(mx) && inside(my) && matrix.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE) {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the image");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn urls_round_trip_through_an_independent_decoder() {
        let long_chinese_query = format!(
            "https://example.org/pos-help/check?q={}&lang=zh",
            "%E6%8B%89%E5%8D%A1%E6%8B%89".repeat(12)
        );
        for url in [
            "http://127.0.0.1:8080/",
            "https://example.org/pos-help/wizard/network",
            "https://example.org/check?q=拉卡拉支付股份有限公司&licence=Z2002511000017",
            long_chinese_query.as_str(),
        ] {
            let matrix = QrMatrix::encode(url).expect("encodes");
            assert_eq!(decode(&matrix), url);
        }
    }

    #[test]
    fn svg_path_draws_exactly_the_dark_modules() {
        let matrix = QrMatrix::encode("https://example.org/").unwrap();
        let dark = (0..matrix.width())
            .flat_map(|y| (0..matrix.width()).map(move |x| (x, y)))
            .filter(|&(x, y)| matrix.is_dark(x, y))
            .count();
        // Sum of the run lengths in the path equals the number of dark modules.
        let drawn: usize = matrix
            .svg_path()
            .split('z')
            .filter(|run| !run.is_empty())
            .map(|run| {
                let h = run.split('h').nth(1).unwrap();
                h.split('v').next().unwrap().parse::<usize>().unwrap()
            })
            .sum();
        assert_eq!(drawn, dark);
        assert!(matrix
            .svg_path()
            .starts_with(&format!("M{QUIET_ZONE} {QUIET_ZONE}")));
        assert_eq!(matrix.view_size(), matrix.width() + 8);
    }

    #[test]
    fn too_long_text_is_refused() {
        let long = "a".repeat(MAX_QR_BYTES + 1);
        assert_eq!(
            QrMatrix::encode(&long),
            Err(ShareError::TooLong(MAX_QR_BYTES + 1))
        );
    }

    #[test]
    fn in_app_browsers_are_recognised_from_real_user_agents() {
        let wechat = "Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240301 MMWEBID/6521 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
        let qq = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/9.0.0.611 V1_IPH_SQ_9.0.0_1_APP_A Pixel/1170 Core/WKWebView Device/Apple(iPhone 13) NetType/WIFI QBWebViewType/1";
        let alipay = "Mozilla/5.0 (Linux; U; Android 12; zh-CN; M2012K11AC Build/SKQ1.211006.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.43 Mobile Safari/537.36 UCBS/3.22.2.43_220223200704 ChannelId(0) NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.2.60.8000) AlipayClient/10.2.60.8000 Language/zh-Hans";
        let dingtalk = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.0.40) com.laiwang.DingTalk/30148469 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK";
        let qq_browser = "Mozilla/5.0 (Linux; U; Android 11; zh-cn; PDEM30 Build/RKQ1.200710.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/89.0.4389.72 MQQBrowser/13.1 Mobile Safari/537.36";
        let chrome = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
        assert_eq!(detect_in_app(wechat), Some(InAppBrowser::WeChat));
        assert_eq!(detect_in_app(qq), Some(InAppBrowser::Qq));
        assert_eq!(detect_in_app(alipay), Some(InAppBrowser::Alipay));
        assert_eq!(detect_in_app(dingtalk), Some(InAppBrowser::DingTalk));
        assert_eq!(detect_in_app(qq_browser), None);
        assert_eq!(detect_in_app(chrome), None);
        assert_eq!(detect_in_app(""), None);
    }

    #[test]
    fn the_seven_day_warning_is_for_webkit_only() {
        let iphone_safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        let iphone_chrome = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/122.0.6261.89 Mobile/15E148 Safari/604.1";
        let ipad_desktop = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
        let mac_chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36";
        let android_chrome = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
        let linux_chromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";
        let android_wechat = "Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.49.2600";
        assert!(may_clear_after_seven_days(iphone_safari));
        assert!(
            may_clear_after_seven_days(iphone_chrome),
            "every iOS browser is WebKit"
        );
        assert!(may_clear_after_seven_days(ipad_desktop));
        assert!(!may_clear_after_seven_days(mac_chrome));
        assert!(!may_clear_after_seven_days(android_chrome));
        assert!(!may_clear_after_seven_days(linux_chromium));
        assert!(!may_clear_after_seven_days(android_wechat));
        assert!(!may_clear_after_seven_days(""));
    }
}
