//! The canonical fields a column can mean (the Action keys of OUTPUT.md).

/// A canonical action field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The reference as printed ("2a.1").
    Id,
    /// The CAB column: children, adults, both.
    Audience,
    /// What the action is for.
    Objective,
    /// What will be done.
    Action,
    /// A milestone.
    Milestone,
    /// Who leads.
    Lead,
    /// When it is due.
    Due,
    /// How success is measured.
    Measures,
    /// Progress commentary.
    Progress,
    /// The RAG rating.
    Rag,
    /// Completion date.
    Completed,
    /// Resources required.
    Resources,
    /// Support from partners.
    Partners,
}

impl Field {
    /// Every field, in output order.
    pub const ALL: [Field; 13] = [
        Field::Id,
        Field::Audience,
        Field::Objective,
        Field::Action,
        Field::Milestone,
        Field::Lead,
        Field::Due,
        Field::Measures,
        Field::Progress,
        Field::Rag,
        Field::Completed,
        Field::Resources,
        Field::Partners,
    ];

    /// The JSON key.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Audience => "audience",
            Field::Objective => "objective",
            Field::Action => "action",
            Field::Milestone => "milestone",
            Field::Lead => "lead",
            Field::Due => "due",
            Field::Measures => "measures",
            Field::Progress => "progress",
            Field::Rag => "rag",
            Field::Completed => "completed",
            Field::Resources => "resources",
            Field::Partners => "partners",
        }
    }

    /// The field of a JSON key.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}
