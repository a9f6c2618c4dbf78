//! The diagnostic wizard: a tree of questions that ends in outcomes.
//!
//! The tree is data (`data/wizard.json`, compiled in); this module only parses,
//! walks and validates it, so the facts can be reviewed without reading Rust.
//!
//! Public API
//! - [`tree()`] — the compiled-in tree, parsed once.
//! - [`WizardTree::start_id`], [`WizardTree::node`], [`WizardTree::follow`]
//!   (walk one answer), [`WizardTree::path_to`] (breadcrumb for deep links),
//!   [`WizardTree::nodes`] / [`WizardTree::outcomes`].
//! - [`WizardTree::validate`] — every node reachable from the start, no dead
//!   ends, no cycles, both languages everywhere, only known letter kinds and
//!   tools, a source on every outcome. Returns all problems, not the first.
//! - [`is_valid_step_id`] — step ids appear in URLs (`/wizard/<step-id>`), so
//!   callers reject hostile input with this before any lookup.
//! - [`Party`] — who is responsible; shared with the response-code table.
//! - [`Outcome`] carries `self_fix`, `responsible`, `record`, a
//!   [`DiaryPrefill`] (`kind` + bilingual `summary`) for one-tap "add to
//!   diary", `letters`, `tools`, optional [`Clock`]s, and `sources`.
//! - [`LETTER_KINDS`] — the letters an outcome may link to; tools are checked against the route
//!   table ([`crate::domain::links::is_tool_link`]).
//!
//! JSON shape (see `data/wizard.json`):
//! `{"version":1,"start":"<id>","nodes":[{"type":"question",…},{"type":"outcome",…}]}`.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::{Bilingual, ChineseFirst, Lang, Source};

/// Letter kinds an outcome may link to (`/letters/<kind>`): the contract with the letters page.
pub const LETTER_KINDS: &[&str] = &[
    "demand-vendor",
    "acquirer",
    "pboc",
    "report-12315",
    "pcac",
    "civil",
];

/// Longest step id accepted; ids live in URLs and the real ones are short.
pub const MAX_STEP_ID_LEN: usize = 64;

/// True for a well-formed step id: 1–64 chars of `a-z`, `0-9` and `-`,
/// not starting or ending with `-` and without `--`.
///
/// Only a syntax check: call it on URL input before [`WizardTree::node`] so
/// garbage never reaches lookups or error messages.
pub fn is_valid_step_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_STEP_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Who must act. Kept to the parties the cited facts name; a telecom operator
/// is deliberately absent: the facts show the POS data card sold and charged by
/// the agent platform, not by the merchant's own carrier contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The terminal maker / its repair service.
    Manufacturer,
    /// The licensed acquirer (收单机构) and its after-sales.
    Acquirer,
    /// The agent / outsourcer (代理商, 外包服务机构) that sold or services the POS.
    Agent,
    /// The card's issuing bank (发卡行).
    IssuingBank,
    /// The customer paying with the card.
    Cardholder,
    /// The merchant (you).
    Merchant,
}

impl Party {
    pub const ALL: [Party; 6] = [
        Party::Manufacturer,
        Party::Acquirer,
        Party::Agent,
        Party::IssuingBank,
        Party::Cardholder,
        Party::Merchant,
    ];

    /// Short display name in the given language.
    pub fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Party::Manufacturer => ("机具厂商", "Terminal manufacturer"),
            Party::Acquirer => ("收单机构", "Acquirer"),
            Party::Agent => ("代理商", "Agent"),
            Party::IssuingBank => ("发卡行", "Issuing bank"),
            Party::Cardholder => ("持卡人", "Cardholder"),
            Party::Merchant => ("商户（您）", "Merchant (you)"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Diary event kinds an outcome can prefill: a subset of the diary's own
/// event kinds, with the same serde names (`fault`, `call`, `charge`,
/// `letter_sent`, `note`), so the UI converts one into the other by name
/// ([`DiaryKind::as_str`]) without this module depending on the diary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiaryKind {
    /// The terminal, a transaction or a service (settlement) failed.
    Fault,
    /// The merchant phoned or messaged someone (agent, acquirer, hotline).
    Call,
    /// Money was taken: fees, add-ons, deposits.
    Charge,
    /// A written complaint, demand or report was sent.
    LetterSent,
    /// Something to remember that is none of the above (a suspicion, a wait).
    Note,
}

impl DiaryKind {
    pub const ALL: [DiaryKind; 5] = [
        DiaryKind::Fault,
        DiaryKind::Call,
        DiaryKind::Charge,
        DiaryKind::LetterSent,
        DiaryKind::Note,
    ];

    /// The serde name, equal to the diary's event-kind name.
    pub fn as_str(self) -> &'static str {
        match self {
            DiaryKind::Fault => "fault",
            DiaryKind::Call => "call",
            DiaryKind::Charge => "charge",
            DiaryKind::LetterSent => "letter_sent",
            DiaryKind::Note => "note",
        }
    }
}

/// What a one-tap "add to diary" creates from an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiaryPrefill {
    pub kind: DiaryKind,
    pub summary: Bilingual,
}

pub use super::clocks::ClockUnit;
use super::clocks::StatutoryClock;

/// A deadline an outcome shows: one of the statutory clocks of `data/clocks.json`, named by id
/// (`{"clock": "terminal-deregistration-report"}`), so each deadline, its label and its article
/// are written once. An unknown id fails to parse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ClockRef", into = "ClockRef")]
pub struct Clock(&'static StatutoryClock);

impl Clock {
    /// The statutory clock: amount, unit, label, who acts, what starts it, its source.
    pub fn statutory(&self) -> &'static StatutoryClock {
        self.0
    }

    pub fn id(&self) -> &'static str {
        &self.0.id
    }

    pub fn source(&self) -> &'static Source {
        &self.0.source
    }
}

/// How `data/wizard.json` names a clock.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockRef {
    clock: String,
}

impl TryFrom<ClockRef> for Clock {
    type Error = String;

    fn try_from(r: ClockRef) -> Result<Self, Self::Error> {
        super::clocks::clock(&r.clock)
            .map(Clock)
            .ok_or_else(|| format!("unknown clock id {:?} (not in data/clocks.json)", r.clock))
    }
}

impl From<Clock> for ClockRef {
    fn from(c: Clock) -> Self {
        ClockRef {
            clock: c.0.id.clone(),
        }
    }
}

/// Id of the shared note that says how to find one's acquirer (the slip, the settlement SMS or
/// statement, the licence list). Every outcome that sends the merchant to the acquirer carries it.
pub const FIND_ACQUIRER_NOTE: &str = "find-acquirer";

/// A note several outcomes share (written once in `notes` of `data/wizard.json`, named by id on
/// each outcome), e.g. how to find the acquirer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub title: Bilingual,
    pub items: Vec<Bilingual>,
    /// Tools that help (paths of the route table, e.g. `check`).
    #[serde(default)]
    pub tools: Vec<String>,
    pub sources: Vec<Source>,
}

/// One answer button: its label and the step it leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub label: Bilingual,
    pub next: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub title: Bilingual,
    pub help: Bilingual,
    /// Concrete things to look at before answering.
    #[serde(default)]
    pub checks: Vec<Bilingual>,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub title: Bilingual,
    /// What the merchant can try alone, in order.
    pub self_fix: Vec<Bilingual>,
    /// Who is responsible if self-help does not work.
    pub responsible: Vec<Party>,
    /// What to write down / keep as evidence.
    pub record: Vec<Bilingual>,
    pub diary: DiaryPrefill,
    /// Letter kinds (see [`LETTER_KINDS`]) that fit this situation.
    #[serde(default)]
    pub letters: Vec<String>,
    /// Tools that help next: paths of the route table (`check/mcc`, `diary`…).
    #[serde(default)]
    pub tools: Vec<String>,
    /// Deadlines that start running once the merchant acts.
    #[serde(default)]
    pub clocks: Vec<Clock>,
    /// Shared notes shown on this outcome, by id (see [`Note`]).
    #[serde(default)]
    pub notes: Vec<String>,
    /// Where the facts in this outcome come from. Never empty.
    pub sources: Vec<Source>,
}

impl Outcome {
    /// True when the outcome sends the merchant to the acquirer: it names the acquirer as
    /// responsible, suggests the letter to it, or tells the merchant to contact it.
    pub fn sends_to_acquirer(&self) -> bool {
        self.responsible.contains(&Party::Acquirer)
            || self.letters.iter().any(|l| l == "acquirer")
            || self
                .self_fix
                .iter()
                .chain(&self.record)
                .any(|t| t.zh.contains("收单机构"))
    }

    /// Every text of the outcome a merchant reads, both languages (title, steps, record, diary
    /// summary; not the sources).
    pub fn texts(&self) -> impl Iterator<Item = &Bilingual> {
        std::iter::once(&self.title)
            .chain(&self.self_fix)
            .chain(&self.record)
            .chain(std::iter::once(&self.diary.summary))
    }
}

/// One step of the wizard.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "NodeRecord")]
pub enum Node {
    Question(Question),
    Outcome(Outcome),
}

/// How `data/wizard.json` spells a node: one object whose `"type"` (`question` or `outcome`) says
/// which fields it has. Read field by field and then checked, because an internally tagged enum
/// would first copy every node into a buffer: more code in the WebAssembly and more time at start.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeRecord {
    #[serde(rename = "type")]
    kind: NodeKind,
    id: String,
    title: Bilingual,
    help: Option<Bilingual>,
    #[serde(default)]
    checks: Vec<Bilingual>,
    answers: Option<Vec<Answer>>,
    self_fix: Option<Vec<Bilingual>>,
    responsible: Option<Vec<Party>>,
    record: Option<Vec<Bilingual>>,
    diary: Option<DiaryPrefill>,
    #[serde(default)]
    letters: Vec<String>,
    #[serde(default)]
    tools: Vec<String>,
    #[serde(default)]
    clocks: Vec<Clock>,
    #[serde(default)]
    notes: Vec<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum NodeKind {
    Question,
    Outcome,
}

impl TryFrom<NodeRecord> for Node {
    type Error = String;

    fn try_from(r: NodeRecord) -> Result<Self, Self::Error> {
        let id = r.id;
        let missing = |field: &str| format!("node {id:?}: missing field `{field}`");
        // The first field of the other type that is present, as an error.
        let foreign = |fields: &[(&str, bool)], kind: &str| match fields.iter().find(|f| f.1) {
            Some((field, _)) => Err(format!("node {id:?}: {kind} has no field `{field}`")),
            None => Ok(()),
        };
        match r.kind {
            NodeKind::Question => {
                foreign(
                    &[
                        ("self_fix", r.self_fix.is_some()),
                        ("responsible", r.responsible.is_some()),
                        ("record", r.record.is_some()),
                        ("diary", r.diary.is_some()),
                        ("sources", r.sources.is_some()),
                        ("letters", !r.letters.is_empty()),
                        ("tools", !r.tools.is_empty()),
                        ("clocks", !r.clocks.is_empty()),
                        ("notes", !r.notes.is_empty()),
                    ],
                    "a question",
                )?;
                Ok(Node::Question(Question {
                    title: r.title,
                    help: r.help.ok_or_else(|| missing("help"))?,
                    checks: r.checks,
                    answers: r.answers.ok_or_else(|| missing("answers"))?,
                    id,
                }))
            }
            NodeKind::Outcome => {
                foreign(
                    &[
                        ("help", r.help.is_some()),
                        ("answers", r.answers.is_some()),
                        ("checks", !r.checks.is_empty()),
                    ],
                    "an outcome",
                )?;
                Ok(Node::Outcome(Outcome {
                    title: r.title,
                    self_fix: r.self_fix.ok_or_else(|| missing("self_fix"))?,
                    responsible: r.responsible.ok_or_else(|| missing("responsible"))?,
                    record: r.record.ok_or_else(|| missing("record"))?,
                    diary: r.diary.ok_or_else(|| missing("diary"))?,
                    letters: r.letters,
                    tools: r.tools,
                    clocks: r.clocks,
                    notes: r.notes,
                    sources: r.sources.ok_or_else(|| missing("sources"))?,
                    id,
                }))
            }
        }
    }
}

impl Node {
    pub fn id(&self) -> &str {
        match self {
            Node::Question(q) => &q.id,
            Node::Outcome(o) => &o.id,
        }
    }

    pub fn title(&self) -> &Bilingual {
        match self {
            Node::Question(q) => &q.title,
            Node::Outcome(o) => &o.title,
        }
    }

    pub fn as_question(&self) -> Option<&Question> {
        match self {
            Node::Question(q) => Some(q),
            Node::Outcome(_) => None,
        }
    }

    pub fn as_outcome(&self) -> Option<&Outcome> {
        match self {
            Node::Outcome(o) => Some(o),
            Node::Question(_) => None,
        }
    }

    /// Ids this node links to (empty for outcomes).
    fn next_ids(&self) -> impl Iterator<Item = &str> {
        self.as_question()
            .into_iter()
            .flat_map(|q| q.answers.iter().map(|a| a.next.as_str()))
    }
}

/// Why the embedded or a supplied tree could not be loaded.
#[derive(Debug, Error)]
pub enum WizardLoadError {
    #[error("wizard JSON does not parse: {0}")]
    Json(#[from] serde_json::Error),
}

/// One problem found by [`WizardTree::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TreeError {
    #[error("step id {0:?} is not a valid URL step id")]
    InvalidId(String),
    #[error("step id {0:?} is used by more than one node")]
    DuplicateId(String),
    #[error("start step {0:?} does not exist")]
    MissingStart(String),
    #[error("step {from:?} links to unknown step {to:?}")]
    UnknownTarget { from: String, to: String },
    #[error("step {0:?} cannot be reached from the start")]
    Unreachable(String),
    #[error("question {0:?} has no answers (dead end)")]
    DeadEnd(String),
    #[error("answers loop: {from:?} leads back to {to:?}")]
    Cycle { from: String, to: String },
    #[error("step {node:?}: {field} lacks Chinese or English text")]
    MissingTranslation { node: String, field: String },
    #[error("outcome {node:?} has no {field}")]
    IncompleteOutcome { node: String, field: &'static str },
    #[error("outcome {node:?} links to unknown letter kind {letter:?}")]
    UnknownLetter { node: String, letter: String },
    #[error("outcome {node:?} links to unknown tool {tool:?}")]
    UnknownTool { node: String, tool: String },
    #[error("outcome {node:?} has no source or an incomplete one")]
    MissingSource { node: String },
    #[error("outcome {node:?} names unknown note {note:?}")]
    UnknownNote { node: String, note: String },
    #[error("outcome {node:?} sends the merchant to the acquirer without saying how to find it")]
    MissingFindAcquirer { node: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTree {
    version: u32,
    start: String,
    nodes: Vec<Node>,
    #[serde(default)]
    notes: Vec<Note>,
}

/// The parsed wizard. Lookups are by step id; node order is the file's order.
#[derive(Debug, Clone)]
pub struct WizardTree {
    version: u32,
    start: String,
    nodes: Vec<Node>,
    notes: Vec<Note>,
    /// id → position in `nodes`; on duplicate ids the first wins (validate reports it).
    index: HashMap<String, usize>,
}

/// The tree's texts: in WebAssembly Chinese only until the English arrive
/// ([`provide_full_json`]); natively the whole file.
static TREE: ChineseFirst<WizardTree> = ChineseFirst::new();

#[cfg(target_arch = "wasm32")]
const COMPILED: &str = include_str!(concat!(env!("OUT_DIR"), "/zh/wizard.json"));
#[cfg(not(target_arch = "wasm32"))]
const COMPILED: &str = include_str!("../../data/wizard.json");

/// The tree, parsed on first use (again once, after [`provide_full_json`]).
///
/// The data is part of the binary and `tests::embedded_tree_parses_and_validates`
/// proves it parses and validates (the Chinese-only copy too), so it cannot fail in a tested build.
pub fn tree() -> &'static WizardTree {
    TREE.get(COMPILED, |json| WizardTree::from_json(json).ok())
}

/// Hands over the text of the whole `data/wizard.json` (both languages), fetched when the UI
/// turns English; [`tree`] parses it on its next call.
pub fn provide_full_json(json: String) {
    TREE.provide_full(json);
}

/// True once [`provide_full_json`] was called.
pub fn has_full_json() -> bool {
    TREE.has_full()
}

impl WizardTree {
    /// Parses a tree. Does not validate: call [`WizardTree::validate`].
    pub fn from_json(json: &str) -> Result<WizardTree, WizardLoadError> {
        let raw: RawTree = serde_json::from_str(json)?;
        let mut index = HashMap::with_capacity(raw.nodes.len());
        for (i, node) in raw.nodes.iter().enumerate() {
            index.entry(node.id().to_owned()).or_insert(i);
        }
        Ok(WizardTree {
            version: raw.version,
            start: raw.start,
            nodes: raw.nodes,
            notes: raw.notes,
            index,
        })
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    pub fn start_id(&self) -> &str {
        &self.start
    }

    pub fn start(&self) -> Option<&Node> {
        self.node(&self.start)
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The shared note with this id.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    pub fn outcomes(&self) -> impl Iterator<Item = &Outcome> {
        self.nodes.iter().filter_map(Node::as_outcome)
    }

    /// The step reached by choosing answer `answer` (0-based) on question `from`.
    pub fn follow(&self, from: &str, answer: usize) -> Option<&Node> {
        let question = self.node(from)?.as_question()?;
        self.node(&question.answers.get(answer)?.next)
    }

    /// One shortest path of step ids from the start to `id`, both included.
    /// `None` when `id` is unknown or unreachable.
    pub fn path_to(&self, id: &str) -> Option<Vec<&str>> {
        self.node(id)?;
        let start = self.node(&self.start)?.id();
        let mut parent: HashMap<&str, &str> = HashMap::new();
        let mut seen: HashSet<&str> = HashSet::from([start]);
        let mut queue = VecDeque::from([start]);
        while let Some(current) = queue.pop_front() {
            if current == id {
                let mut path = vec![current];
                let mut at = current;
                while let Some(&p) = parent.get(at) {
                    path.push(p);
                    at = p;
                }
                path.reverse();
                return Some(path);
            }
            let Some(node) = self.node(current) else {
                continue;
            };
            for next in node.next_ids() {
                if let Some(next_node) = self.node(next) {
                    let next = next_node.id();
                    if seen.insert(next) {
                        parent.insert(next, current);
                        queue.push_back(next);
                    }
                }
            }
        }
        None
    }

    /// The label of the answer on question `from` that leads to `to`, for
    /// breadcrumbs that show what the merchant chose.
    pub fn answer_label(&self, from: &str, to: &str) -> Option<&Bilingual> {
        let question = self.node(from)?.as_question()?;
        question
            .answers
            .iter()
            .find(|a| a.next == to)
            .map(|a| &a.label)
    }

    /// The path taken in this session after arriving at step `id`, given the
    /// path before (`previous`, oldest first).
    ///
    /// - `id` already on the path (browser Back, a breadcrumb link, reload):
    ///   the path is cut back to it.
    /// - `id` is an answer of the last step (a walk forward): it is appended.
    /// - anything else (a deep link, a jump from elsewhere): the shortest path
    ///   from the start, as [`WizardTree::path_to`] gives it.
    ///
    /// Unknown ids leave the path as it was. Steps on `previous` that no longer
    /// exist (an older app version in the same tab) cause a fresh path.
    pub fn next_trail(&self, previous: &[String], id: &str) -> Vec<String> {
        if self.node(id).is_none() {
            return previous.to_vec();
        }
        let previous_ok = previous.first().map(String::as_str) == Some(self.start_id())
            && previous
                .windows(2)
                .all(|pair| self.answer_label(&pair[0], &pair[1]).is_some());
        if previous_ok {
            if let Some(at) = previous.iter().position(|step| step == id) {
                return previous[..=at].to_vec();
            }
            if let Some(last) = previous.last() {
                if self.answer_label(last, id).is_some() {
                    let mut trail = previous.to_vec();
                    trail.push(id.to_owned());
                    return trail;
                }
            }
        }
        self.path_to(id)
            .map(|path| path.into_iter().map(str::to_owned).collect())
            .unwrap_or_else(|| vec![id.to_owned()])
    }

    /// Checks the whole tree and returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<TreeError>> {
        let mut errors = Vec::new();
        self.check_ids(&mut errors);
        for node in &self.nodes {
            match node {
                Node::Question(q) => check_question(q, &self.index, &mut errors),
                Node::Outcome(o) => self.check_outcome_notes(o, &mut errors),
            }
        }
        for note in &self.notes {
            check_note(note, &mut errors);
        }
        self.check_reachability(&mut errors);
        self.check_cycles(&mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn check_ids(&self, errors: &mut Vec<TreeError>) {
        let mut seen = HashSet::new();
        for node in &self.nodes {
            let id = node.id();
            if !is_valid_step_id(id) {
                errors.push(TreeError::InvalidId(id.to_owned()));
            }
            if !seen.insert(id) {
                errors.push(TreeError::DuplicateId(id.to_owned()));
            }
        }
        if !self.index.contains_key(&self.start) {
            errors.push(TreeError::MissingStart(self.start.clone()));
        }
    }

    fn check_outcome_notes(&self, o: &Outcome, errors: &mut Vec<TreeError>) {
        check_outcome(o, errors);
        for note in &o.notes {
            if self.note(note).is_none() {
                errors.push(TreeError::UnknownNote {
                    node: o.id.clone(),
                    note: note.clone(),
                });
            }
        }
        if o.sends_to_acquirer() && !o.notes.iter().any(|n| n == FIND_ACQUIRER_NOTE) {
            errors.push(TreeError::MissingFindAcquirer { node: o.id.clone() });
        }
    }

    fn check_reachability(&self, errors: &mut Vec<TreeError>) {
        let Some(start) = self.start() else {
            return; // already reported as MissingStart
        };
        let mut seen: HashSet<&str> = HashSet::from([start.id()]);
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for next in node.next_ids().filter_map(|id| self.node(id)) {
                if seen.insert(next.id()) {
                    queue.push_back(next);
                }
            }
        }
        for node in &self.nodes {
            if !seen.contains(node.id()) {
                errors.push(TreeError::Unreachable(node.id().to_owned()));
            }
        }
    }

    /// Depth-first search with three colours over every node (not only the
    /// reachable ones), iterative so a deep or hostile tree cannot overflow the
    /// stack. Each back edge is reported once.
    fn check_cycles(&self, errors: &mut Vec<TreeError>) {
        #[derive(Clone, Copy, PartialEq)]
        enum Colour {
            White,
            Grey,
            Black,
        }
        let mut colour = vec![Colour::White; self.nodes.len()];
        for root in 0..self.nodes.len() {
            if colour[root] != Colour::White {
                continue;
            }
            // (node, next answer to explore)
            let mut stack = vec![(root, 0usize)];
            colour[root] = Colour::Grey;
            while let Some(top) = stack.last_mut() {
                let (at, answer) = *top;
                top.1 += 1;
                let Some(target) = self.nodes[at]
                    .as_question()
                    .and_then(|q| q.answers.get(answer))
                    .map(|a| a.next.as_str())
                else {
                    colour[at] = Colour::Black;
                    stack.pop();
                    continue;
                };
                let Some(&t) = self.index.get(target) else {
                    continue; // reported as UnknownTarget
                };
                match colour[t] {
                    Colour::White => {
                        colour[t] = Colour::Grey;
                        stack.push((t, 0));
                    }
                    Colour::Grey => errors.push(TreeError::Cycle {
                        from: self.nodes[at].id().to_owned(),
                        to: target.to_owned(),
                    }),
                    Colour::Black => {}
                }
            }
        }
    }
}

fn require_text(node: &str, field: &str, text: &Bilingual, errors: &mut Vec<TreeError>) {
    if !text.is_complete() {
        errors.push(TreeError::MissingTranslation {
            node: node.to_owned(),
            field: field.to_owned(),
        });
    }
}

fn check_question(q: &Question, index: &HashMap<String, usize>, errors: &mut Vec<TreeError>) {
    require_text(&q.id, "title", &q.title, errors);
    require_text(&q.id, "help", &q.help, errors);
    for (i, check) in q.checks.iter().enumerate() {
        require_text(&q.id, &format!("checks[{i}]"), check, errors);
    }
    if q.answers.is_empty() {
        errors.push(TreeError::DeadEnd(q.id.clone()));
    }
    for (i, answer) in q.answers.iter().enumerate() {
        require_text(&q.id, &format!("answers[{i}].label"), &answer.label, errors);
        if !index.contains_key(&answer.next) {
            errors.push(TreeError::UnknownTarget {
                from: q.id.clone(),
                to: answer.next.clone(),
            });
        }
    }
}

fn check_outcome(o: &Outcome, errors: &mut Vec<TreeError>) {
    let id = &o.id;
    require_text(id, "title", &o.title, errors);
    for (field, list) in [("self_fix", &o.self_fix), ("record", &o.record)] {
        if list.is_empty() {
            errors.push(TreeError::IncompleteOutcome {
                node: id.clone(),
                field,
            });
        }
        for (i, text) in list.iter().enumerate() {
            require_text(id, &format!("{field}[{i}]"), text, errors);
        }
    }
    if o.responsible.is_empty() {
        errors.push(TreeError::IncompleteOutcome {
            node: id.clone(),
            field: "responsible",
        });
    }
    require_text(id, "diary.summary", &o.diary.summary, errors);
    for letter in &o.letters {
        if !LETTER_KINDS.contains(&letter.as_str()) {
            errors.push(TreeError::UnknownLetter {
                node: id.clone(),
                letter: letter.clone(),
            });
        }
    }
    for tool in &o.tools {
        if !super::links::is_tool_link(tool) {
            errors.push(TreeError::UnknownTool {
                node: id.clone(),
                tool: tool.clone(),
            });
        }
    }
    let clock_sources_ok = o.clocks.iter().all(|c| c.source().is_complete());
    if o.sources.is_empty() || !o.sources.iter().all(Source::is_complete) || !clock_sources_ok {
        errors.push(TreeError::MissingSource { node: id.clone() });
    }
}

fn check_note(note: &Note, errors: &mut Vec<TreeError>) {
    let id = &note.id;
    require_text(id, "title", &note.title, errors);
    if note.items.is_empty() {
        errors.push(TreeError::IncompleteOutcome {
            node: id.clone(),
            field: "items",
        });
    }
    for (i, text) in note.items.iter().enumerate() {
        require_text(id, &format!("items[{i}]"), text, errors);
    }
    for tool in &note.tools {
        if !super::links::is_tool_link(tool) {
            errors.push(TreeError::UnknownTool {
                node: id.clone(),
                tool: tool.clone(),
            });
        }
    }
    if note.sources.is_empty() || !note.sources.iter().all(Source::is_complete) {
        errors.push(TreeError::MissingSource { node: id.clone() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn bi(zh: &str, en: &str) -> Value {
        json!({"zh": zh, "en": en})
    }

    fn outcome(id: &str) -> Value {
        json!({
            "type": "outcome",
            "id": id,
            "title": bi("结果", "Outcome"),
            "self_fix": [bi("重启", "Restart")],
            "responsible": ["merchant"],
            "record": [bi("时间", "Time")],
            "diary": {"kind": "fault", "summary": bi("故障", "Fault")},
            "letters": ["demand-vendor"],
            "tools": ["diary"],
            "sources": [{"zh": "《条例》第一条", "en": "Regulations, Art. 1"}]
        })
    }

    fn question(id: &str, next: &[&str]) -> Value {
        let answers: Vec<Value> = next
            .iter()
            .map(|n| json!({"label": bi("是", "Yes"), "next": n}))
            .collect();
        json!({
            "type": "question",
            "id": id,
            "title": bi("问题", "Question"),
            "help": bi("说明", "Help"),
            "checks": [bi("看看", "Look")],
            "answers": answers
        })
    }

    fn small(nodes: Vec<Value>) -> WizardTree {
        let doc = json!({"version": 1, "start": "start", "nodes": nodes});
        WizardTree::from_json(&doc.to_string()).expect("test tree parses")
    }

    fn good_nodes() -> Vec<Value> {
        vec![
            question("start", &["q2", "end-a"]),
            question("q2", &["end-a", "end-b"]),
            outcome("end-a"),
            outcome("end-b"),
        ]
    }

    fn errors_of(tree: &WizardTree) -> Vec<TreeError> {
        tree.validate().expect_err("broken tree must be rejected")
    }

    #[test]
    fn embedded_tree_parses_and_validates() {
        let tree = WizardTree::from_json(include_str!("../../data/wizard.json"))
            .expect("embedded wizard.json parses");
        if let Err(errors) = tree.validate() {
            panic!("embedded wizard.json is invalid: {errors:#?}");
        }
        assert!(std::ptr::eq(super::tree(), super::tree()));
        assert_eq!(super::tree().start_id(), tree.start_id());
    }

    #[test]
    fn the_chinese_only_copy_is_the_tree_without_its_english() {
        let chinese = include_str!(concat!(env!("OUT_DIR"), "/zh/wizard.json"));
        crate::domain::text::assert_chinese_only_copy(
            include_str!("../../data/wizard.json"),
            chinese,
        );
        let full = tree();
        let zh = WizardTree::from_json(chinese).expect("the copy parses");
        assert_eq!(zh.start_id(), full.start_id());
        assert_eq!(zh.nodes().len(), full.nodes().len());
    }

    #[test]
    fn embedded_tree_covers_every_symptom_with_stable_ids() {
        let tree = tree();
        // These ids are linked from outside (consumer groups, the code decoder):
        // renaming one breaks their links, so the test pins them.
        for id in [
            "start",
            "power",
            "network",
            "signin",
            "printer",
            "card-read",
            "declined",
            "settlement",
            "fees",
            "records",
            "tamper-locked",
            "agent-gone",
            "escalate",
            "suspended-location",
            "escalate-pboc",
            "offer",
            "offer-upgrade-switch",
            "offer-low-rate",
            "quit",
            "quit-terminal",
            "quit-not-honoured",
            "escalate-consumer-association",
        ] {
            assert!(tree.node(id).is_some(), "missing stable step {id}");
        }
        let start = tree
            .start()
            .and_then(Node::as_question)
            .expect("start is a question");
        assert_eq!(start.answers.len(), 14, "one answer per symptom");
    }

    #[test]
    fn embedded_outcomes_link_letters_tools_and_sources() {
        let tree = tree();
        let all: Vec<&Outcome> = tree.outcomes().collect();
        assert!(all.len() >= 30);
        // The decoder and the escalation letters must be reachable from the wizard.
        assert!(all.iter().any(|o| o.tools.iter().any(|t| t == "codes")));
        for kind in LETTER_KINDS {
            assert!(
                all.iter().any(|o| o.letters.iter().any(|l| l == kind)),
                "no outcome suggests letter {kind}"
            );
        }
        let pboc = tree
            .node("escalate-pboc")
            .and_then(Node::as_outcome)
            .unwrap();
        assert!(pboc
            .clocks
            .iter()
            .any(|c| c.statutory().amount == 7 && c.statutory().unit == ClockUnit::WorkingDays));
    }

    /// Every source is a citation a reader can check from the citation alone: a document by name
    /// and article or a data set by name and date; never a path, file name or source tag.
    #[test]
    fn embedded_sources_are_checkable_citations_and_keep_unconfirmed_flags() {
        let tree = tree();
        for outcome in tree.outcomes() {
            let clock_sources = outcome.clocks.iter().map(Clock::source);
            for source in outcome.sources.iter().chain(clock_sources) {
                assert_eq!(
                    source.citation_problems(),
                    Vec::<String>::new(),
                    "{}",
                    outcome.id
                );
            }
        }
        // Marked UNCONFIRMED in the research before citations were rewritten: still flagged, so
        // the UI says so.
        for id in [
            "power-fixed",
            "power-battery-worn",
            "power-battery-danger",
            "power-hardware-fault",
            "fees-per-transaction-addon",
            "escalate-pcac",
            "offer-upgrade-switch",
            "offer-low-rate",
        ] {
            let outcome = tree.node(id).and_then(Node::as_outcome).unwrap();
            assert!(
                outcome.sources.iter().any(|s| s.unconfirmed),
                "{id} must flag its unconfirmed source"
            );
        }
        // Advice resting only on industry pages or public code is flagged too.
        for id in ["tamper-locked", "signin-retry", "printer-jam"] {
            let outcome = tree.node(id).and_then(Node::as_outcome).unwrap();
            assert!(outcome.sources.iter().all(|s| s.unconfirmed), "{id}");
        }
    }

    #[test]
    fn every_embedded_node_has_a_breadcrumb_from_start() {
        let tree = tree();
        for node in tree.nodes() {
            let path = tree.path_to(node.id()).expect("reachable");
            assert_eq!(path.first(), Some(&tree.start_id()));
            assert_eq!(path.last(), Some(&node.id()));
            // Consecutive ids must be real answer links.
            for pair in path.windows(2) {
                let q = tree.node(pair[0]).and_then(Node::as_question).unwrap();
                assert!(q.answers.iter().any(|a| a.next == pair[1]));
            }
        }
        assert_eq!(tree.path_to("no-such-step"), None);
    }

    /// Walks `steps` from the start along real answers and returns the outcome reached.
    fn walk_to<'a>(tree: &'a WizardTree, steps: &[&str]) -> &'a Outcome {
        let mut at = tree.start_id();
        for step in steps {
            assert!(tree.answer_label(at, step).is_some(), "{at} → {step}");
            at = step;
        }
        tree.node(at)
            .and_then(Node::as_outcome)
            .expect("walk ends at an outcome")
    }

    #[test]
    fn offers_quitting_and_consumer_complaints_are_reachable_from_the_symptom_start() {
        let tree = tree();
        // "升级降费率" and 切机 calls: both answers lead to the switching outcome.
        let switch = walk_to(tree, &["offer", "offer-upgrade-switch"]);
        let offer = tree.node("offer").and_then(Node::as_question).unwrap();
        assert_eq!(
            offer
                .answers
                .iter()
                .filter(|a| a.next == "offer-upgrade-switch")
                .count(),
            2
        );
        assert!(switch.self_fix.iter().any(|t| t.zh.contains("切机")));
        assert!(switch
            .self_fix
            .iter()
            .any(|t| t.zh.contains("不要把机器交给对方")));
        // The 切机 definition's document is not confirmed: flagged.
        assert!(switch.sources.iter().any(|s| s.unconfirmed));
        // A suspiciously low rate: the cost floor is our arithmetic and said so; card freezes
        // rest on industry pages only and are hedged.
        let low = walk_to(tree, &["offer", "offer-low-rate"]);
        assert!(low.self_fix.iter().any(|t| t.zh.contains("这是推算")));
        assert!(low.tools.iter().any(|t| t == "check/fee"));
        // Quitting.
        let quit = walk_to(tree, &["quit", "quit-terminal"]);
        assert!(quit.self_fix.iter().any(|t| t.zh.contains("2日内")));
        let stuck = walk_to(tree, &["quit", "quit-not-honoured"]);
        assert!(stuck.letters.iter().any(|l| l == "pboc"));
        // Why the consumer association and 12315 complaints usually don't fit, and what does.
        let consumer = walk_to(
            tree,
            &["escalate", "escalate-what", "escalate-consumer-association"],
        );
        assert!(consumer.self_fix.iter().any(|t| t.zh.contains("生活消费")));
        assert!(consumer.self_fix.iter().any(|t| t.zh.contains("举报")));
        assert!(consumer
            .sources
            .iter()
            .any(|s| s.zh.contains("《中华人民共和国消费者权益保护法》第二条")));
    }

    #[test]
    fn the_quitting_outcomes_run_the_terminal_deregistration_clock() {
        let tree = tree();
        let clock = crate::domain::clocks::CLOCK_TERMINAL_DEREGISTRATION;
        for id in ["quit-terminal", "quit-not-honoured"] {
            let outcome = tree.node(id).and_then(Node::as_outcome).unwrap();
            let found = outcome.clocks.iter().find(|c| c.id() == clock);
            let found = found.unwrap_or_else(|| panic!("{id} lacks {clock}"));
            assert_eq!(
                (found.statutory().amount, found.statutory().unit),
                (2, ClockUnit::Days)
            );
            assert!(found.source().zh.contains("银发〔2021〕259号"));
            assert!(outcome.sources.iter().any(|s| s.zh.contains("一（一）3")));
        }
        // Every statutory clock an outcome shows is in data/clocks.json, once per outcome.
        for outcome in tree.outcomes() {
            let ids: HashSet<&str> = outcome.clocks.iter().map(Clock::id).collect();
            assert_eq!(ids.len(), outcome.clocks.len(), "{}", outcome.id);
        }
    }

    #[test]
    fn every_outcome_that_sends_the_merchant_to_the_acquirer_says_how_to_find_it() {
        let tree = tree();
        let note = tree
            .note(FIND_ACQUIRER_NOTE)
            .expect("the shared note exists");
        let zh: Vec<&str> = note.items.iter().map(|i| i.zh.as_str()).collect();
        assert!(zh.iter().any(|t| t.contains("签购单")));
        assert!(zh
            .iter()
            .any(|t| t.contains("短信") && t.contains("对账单")));
        assert!(zh.iter().any(|t| t.contains("名单")));
        assert_eq!(note.tools, vec!["check".to_owned()]);
        let mut sending = 0;
        for outcome in tree.outcomes() {
            let says_find = outcome
                .texts()
                .any(|t| t.zh.contains("找收单机构") || t.zh.contains("联系收单机构"));
            if outcome.sends_to_acquirer() || says_find {
                sending += 1;
                assert!(
                    outcome.notes.iter().any(|n| n == FIND_ACQUIRER_NOTE),
                    "{} sends the merchant to the acquirer without the note",
                    outcome.id
                );
            }
        }
        assert!(
            sending >= 30,
            "only {sending} outcomes send to the acquirer"
        );
        for source in &note.sources {
            assert_eq!(source.citation_problems(), Vec::<String>::new());
        }
    }

    /// 民诉法 第一百六十五条: 50 % of the province's previous-year average annual wage of employed
    /// persons, never "当地上年度平均工资".
    #[test]
    fn small_claims_threshold_is_worded_as_the_law_words_it() {
        let files = [
            ("wizard", include_str!("../../data/wizard.json")),
            ("clocks", include_str!("../../data/clocks.json")),
            ("civil", include_str!("../../data/letters/civil.json")),
        ];
        for (name, text) in files {
            assert!(!text.contains("当地上年度平均工资"), "{name}");
            for (at, _) in text.match_indices("平均工资") {
                assert!(
                    text[..at].ends_with("就业人员年"),
                    "{name}: {}",
                    &text[at.saturating_sub(60)..at + 12]
                );
            }
            assert!(!text.contains("previous-year average wage"), "{name}");
        }
        for outcome in tree().outcomes() {
            for text in outcome.texts() {
                assert!(!text.zh.contains("当地上年度平均工资"), "{}", outcome.id);
            }
        }
    }

    /// What the research marks UNCONFIRMED is said in plain words where it is stated.
    #[test]
    fn unconfirmed_claims_are_hedged_in_plain_words() {
        for outcome in tree().outcomes() {
            for text in outcome.texts() {
                for claim in ["降额", "封卡", "前3位"] {
                    if text.zh.contains(claim) {
                        assert!(
                            text.zh.contains("未经官方文件确认"),
                            "{}: {}",
                            outcome.id,
                            text.zh
                        );
                        assert!(text.en.contains("not confirmed"), "{}", outcome.id);
                    }
                }
            }
        }
        let note = tree().note(FIND_ACQUIRER_NOTE).unwrap();
        assert!(note.items[0].zh.contains("未经官方文件确认"));
    }

    #[test]
    fn rejects_acquirer_outcome_without_the_note_and_unknown_notes() {
        let mut nodes = good_nodes();
        nodes[2]["responsible"] = json!(["acquirer"]);
        nodes[3]["notes"] = json!(["no-such-note"]);
        let errors = errors_of(&small(nodes));
        assert!(errors.contains(&TreeError::MissingFindAcquirer {
            node: "end-a".into()
        }));
        assert!(errors.contains(&TreeError::UnknownNote {
            node: "end-b".into(),
            note: "no-such-note".into()
        }));
        // With the note defined and named, the tree is accepted.
        let mut nodes = good_nodes();
        nodes[2]["letters"] = json!(["acquirer"]);
        nodes[2]["notes"] = json!([FIND_ACQUIRER_NOTE]);
        let note = json!({
            "id": FIND_ACQUIRER_NOTE,
            "title": bi("怎样找", "How to find"),
            "items": [bi("看签购单", "Look at the slip")],
            "tools": ["check"],
            "sources": [{"zh": "名单", "en": "List"}]
        });
        let doc = json!({"version": 1, "start": "start", "notes": [note], "nodes": nodes});
        let tree = WizardTree::from_json(&doc.to_string()).unwrap();
        assert_eq!(tree.validate(), Ok(()));
        // A note with a bad tool or no source is reported.
        let mut bad = note.clone();
        bad["tools"] = json!(["check/weather"]);
        bad["sources"] = json!([]);
        let doc = json!({"version": 1, "start": "start", "notes": [bad], "nodes": good_nodes()});
        let errors = errors_of(&WizardTree::from_json(&doc.to_string()).unwrap());
        assert!(errors.contains(&TreeError::MissingSource {
            node: FIND_ACQUIRER_NOTE.into()
        }));
        assert!(errors.contains(&TreeError::UnknownTool {
            node: FIND_ACQUIRER_NOTE.into(),
            tool: "check/weather".into()
        }));
    }

    #[test]
    fn clocks_are_named_by_statutory_id_and_unknown_ids_fail_to_parse() {
        let mut nodes = good_nodes();
        nodes[2]["clocks"] = json!([{"clock": "limitation-period"}]);
        let tree = small(nodes);
        let outcome = tree.node("end-a").and_then(Node::as_outcome).unwrap();
        assert_eq!(outcome.clocks[0].statutory().amount, 3);
        assert_eq!(
            serde_json::to_value(&outcome.clocks[0]).unwrap(),
            json!({"clock": "limitation-period"})
        );
        for bad in [
            json!([{"clock": "no-such-clock"}]),
            json!([{"label": bi("x", "x"), "amount": 7, "unit": "days"}]),
        ] {
            let mut nodes = good_nodes();
            nodes[2]["clocks"] = bad;
            let doc = json!({"version": 1, "start": "start", "nodes": nodes});
            assert!(WizardTree::from_json(&doc.to_string()).is_err());
        }
    }

    #[test]
    fn follow_walks_answers() {
        let tree = small(good_nodes());
        assert_eq!(tree.follow("start", 0).map(Node::id), Some("q2"));
        assert_eq!(tree.follow("q2", 1).map(Node::id), Some("end-b"));
        assert!(tree.follow("start", 9).is_none());
        assert!(
            tree.follow("end-a", 0).is_none(),
            "outcomes have no answers"
        );
        assert_eq!(tree.path_to("end-b"), Some(vec!["start", "q2", "end-b"]));
        assert_eq!(tree.path_to("end-a"), Some(vec!["start", "end-a"]));
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn trail_walks_forward_back_and_deep_links() {
        let tree = small(good_nodes());
        // A fresh session at the start.
        let trail = tree.next_trail(&[], "start");
        assert_eq!(trail, ids(&["start"]));
        // Forward along answers.
        let trail = tree.next_trail(&trail, "q2");
        let trail = tree.next_trail(&trail, "end-a");
        assert_eq!(trail, ids(&["start", "q2", "end-a"]));
        // Back (browser or breadcrumb) cuts the path.
        assert_eq!(tree.next_trail(&trail, "q2"), ids(&["start", "q2"]));
        assert_eq!(tree.next_trail(&trail, "start"), ids(&["start"]));
        // Reload keeps it.
        assert_eq!(tree.next_trail(&trail, "end-a"), trail);
        // A jump that is not an answer of the last step: shortest path.
        let at_a = ids(&["start", "end-a"]);
        assert_eq!(
            tree.next_trail(&at_a, "end-b"),
            ids(&["start", "q2", "end-b"])
        );
        // Deep link in a new tab.
        assert_eq!(
            tree.next_trail(&[], "end-b"),
            ids(&["start", "q2", "end-b"])
        );
        // Unknown ids leave it alone; stale paths are replaced.
        assert_eq!(tree.next_trail(&trail, "nope"), trail);
        assert_eq!(
            tree.next_trail(&ids(&["start", "gone", "q2"]), "end-a"),
            ids(&["start", "end-a"])
        );
        assert_eq!(
            tree.answer_label("start", "q2").map(|l| l.en.as_str()),
            Some("Yes")
        );
        assert_eq!(tree.answer_label("q2", "start"), None);
    }

    #[test]
    fn embedded_sim_card_walk_reaches_its_outcome() {
        // The walk the end-to-end test takes: no network → SIM → signal → data card expired.
        let tree = tree();
        let mut trail = tree.next_trail(&[], tree.start_id());
        for step in [
            "network",
            "network-sim",
            "network-data-card",
            "network-data-card-expired",
        ] {
            let last = trail.last().unwrap().clone();
            assert!(tree.answer_label(&last, step).is_some(), "{last} → {step}");
            trail = tree.next_trail(&trail, step);
        }
        assert_eq!(trail.len(), 5);
        let outcome = tree
            .node("network-data-card-expired")
            .and_then(Node::as_outcome)
            .unwrap();
        assert!(outcome.responsible.contains(&Party::Agent));
        assert!(outcome.letters.iter().any(|l| l == "demand-vendor"));
    }

    #[test]
    fn letter_kinds_match_the_letter_templates() {
        let slugs: Vec<&str> = crate::domain::letters::LetterKind::ALL
            .iter()
            .map(|k| k.slug())
            .collect();
        assert_eq!(LETTER_KINDS, slugs.as_slice());
        for kind in crate::domain::letters::LetterKind::ALL {
            let template = crate::domain::letters::template(kind).expect("template exists");
            assert!(template.title.is_complete(), "{} has a title", kind.slug());
        }
    }

    #[test]
    fn small_good_tree_is_accepted() {
        assert_eq!(small(good_nodes()).validate(), Ok(()));
    }

    #[test]
    fn rejects_unreachable_node() {
        let mut nodes = good_nodes();
        nodes.push(outcome("orphan"));
        assert!(errors_of(&small(nodes)).contains(&TreeError::Unreachable("orphan".into())));
    }

    #[test]
    fn rejects_dead_end_and_unknown_target() {
        let mut nodes = good_nodes();
        nodes[1] = question("q2", &[]);
        assert!(errors_of(&small(nodes)).contains(&TreeError::DeadEnd("q2".into())));

        let mut nodes = good_nodes();
        nodes[1] = question("q2", &["nowhere"]);
        assert!(
            errors_of(&small(nodes)).contains(&TreeError::UnknownTarget {
                from: "q2".into(),
                to: "nowhere".into()
            })
        );
    }

    #[test]
    fn rejects_cycles_including_self_loops() {
        let mut nodes = good_nodes();
        nodes[1] = question("q2", &["end-a", "start"]);
        assert!(errors_of(&small(nodes)).contains(&TreeError::Cycle {
            from: "q2".into(),
            to: "start".into()
        }));

        let mut nodes = good_nodes();
        nodes[1] = question("q2", &["q2", "end-b"]);
        assert!(errors_of(&small(nodes)).contains(&TreeError::Cycle {
            from: "q2".into(),
            to: "q2".into()
        }));
    }

    #[test]
    fn rejects_missing_translation() {
        let mut nodes = good_nodes();
        nodes[2]["self_fix"][0]["en"] = json!("  ");
        assert!(
            errors_of(&small(nodes)).contains(&TreeError::MissingTranslation {
                node: "end-a".into(),
                field: "self_fix[0]".into()
            })
        );

        let mut nodes = good_nodes();
        nodes[1]["answers"][0]["label"]["zh"] = json!("");
        assert!(
            errors_of(&small(nodes)).contains(&TreeError::MissingTranslation {
                node: "q2".into(),
                field: "answers[0].label".into()
            })
        );
    }

    #[test]
    fn rejects_unknown_letter_kind_and_tool() {
        let mut nodes = good_nodes();
        nodes[2]["letters"] = json!(["acquirer", "lawyer"]);
        nodes[3]["tools"] = json!(["check/weather"]);
        let errors = errors_of(&small(nodes));
        assert!(errors.contains(&TreeError::UnknownLetter {
            node: "end-a".into(),
            letter: "lawyer".into()
        }));
        assert!(errors.contains(&TreeError::UnknownTool {
            node: "end-b".into(),
            tool: "check/weather".into()
        }));
    }

    #[test]
    fn rejects_missing_or_incomplete_source() {
        let mut nodes = good_nodes();
        nodes[2]["sources"] = json!([]);
        nodes[3]["sources"] = json!([{"zh": "《条例》第一条", "en": ""}]);
        let errors = errors_of(&small(nodes));
        assert!(errors.contains(&TreeError::MissingSource {
            node: "end-a".into()
        }));
        assert!(errors.contains(&TreeError::MissingSource {
            node: "end-b".into()
        }));
    }

    #[test]
    fn rejects_incomplete_outcome_and_bad_ids() {
        let mut nodes = good_nodes();
        nodes[2]["responsible"] = json!([]);
        nodes[3]["id"] = json!("End B");
        nodes[1]["answers"][1]["next"] = json!("End B");
        nodes.push(outcome("end-a"));
        let errors = errors_of(&small(nodes));
        assert!(errors.contains(&TreeError::IncompleteOutcome {
            node: "end-a".into(),
            field: "responsible"
        }));
        assert!(errors.contains(&TreeError::InvalidId("End B".into())));
        assert!(errors.contains(&TreeError::DuplicateId("end-a".into())));
    }

    #[test]
    fn rejects_missing_start() {
        let doc = json!({"version": 1, "start": "nope", "nodes": good_nodes()});
        let tree = WizardTree::from_json(&doc.to_string()).unwrap();
        assert!(errors_of(&tree).contains(&TreeError::MissingStart("nope".into())));
    }

    #[test]
    fn unknown_fields_and_parties_fail_to_parse() {
        let mut nodes = good_nodes();
        nodes[2]["responsible"] = json!(["telecom"]);
        let doc = json!({"version": 1, "start": "start", "nodes": nodes});
        assert!(WizardTree::from_json(&doc.to_string()).is_err());

        let mut nodes = good_nodes();
        nodes[2]["selffix"] = json!([]);
        let doc = json!({"version": 1, "start": "start", "nodes": nodes});
        assert!(WizardTree::from_json(&doc.to_string()).is_err());
    }

    #[test]
    fn a_node_has_exactly_the_fields_of_its_type() {
        let parse = |nodes: Vec<Value>| {
            WizardTree::from_json(
                &json!({"version": 1, "start": "start", "nodes": nodes}).to_string(),
            )
            .map(|_| ())
            .map_err(|e| e.to_string())
        };
        assert_eq!(parse(good_nodes()), Ok(()));
        let cases: [(usize, &str, Value, &str); 6] = [
            (2, "answers", json!([]), "an outcome has no field `answers`"),
            (2, "help", bi("x", "x"), "an outcome has no field `help`"),
            (
                0,
                "self_fix",
                json!([]),
                "a question has no field `self_fix`",
            ),
            (
                0,
                "letters",
                json!(["civil"]),
                "a question has no field `letters`",
            ),
            (2, "type", json!("step"), "unknown variant"),
            (0, "type", json!("outcome"), "has no field `help`"),
        ];
        for (at, field, value, expected) in cases {
            let mut nodes = good_nodes();
            nodes[at][field] = value;
            let err = parse(nodes).expect_err(field);
            assert!(err.contains(expected), "{field}: {err}");
        }
        for (at, field) in [(2, "sources"), (2, "diary"), (0, "answers"), (0, "help")] {
            let mut nodes = good_nodes();
            nodes[at].as_object_mut().unwrap().remove(field);
            let err = parse(nodes).expect_err(field);
            assert!(
                err.contains(&format!("missing field `{field}`")),
                "{field}: {err}"
            );
        }
    }

    #[test]
    fn step_id_syntax() {
        for ok in ["start", "no-network", "a", "signin-97", "x1-y2"] {
            assert!(is_valid_step_id(ok), "{ok}");
        }
        let too_long = "a".repeat(MAX_STEP_ID_LEN + 1);
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "No-Network",
            "../etc",
            "a b",
            "<script>",
            "签到",
            "a_b",
            too_long.as_str(),
        ] {
            assert!(!is_valid_step_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn diary_kind_names_match_serde() {
        for kind in DiaryKind::ALL {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, Value::String(kind.as_str().to_owned()));
        }
    }

    #[test]
    fn party_names_exist_in_both_languages() {
        for party in Party::ALL {
            assert!(!party.name(Lang::Zh).is_empty());
            assert!(!party.name(Lang::En).is_empty());
        }
    }
}
