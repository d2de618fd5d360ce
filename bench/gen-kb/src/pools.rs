//! Word and sentence pools for the synthetic Quillstack help centre.
//!
//! Templates use `%` markers, expanded by `expand` in `main.rs`:
//! `%o` the article's object ("an invoice"), `%O` the same without its article
//! ("invoice"), `%m` its menu path, `%r` a role, `%p` a plan, `%n` a small number,
//! `%f` a feature, `%%` a literal percent sign.

/// Sections of the KB: folder name, kind, and the areas (sub-folders) inside it.
pub const SECTIONS: &[(&str, Kind, &[&str])] = &[
    (
        "getting-started",
        Kind::HowTo,
        &["setup", "first-steps", "importing-data", "mobile-app"],
    ),
    (
        "billing",
        Kind::HowTo,
        &[
            "invoices",
            "subscriptions",
            "refunds",
            "payment-methods",
            "taxes",
        ],
    ),
    (
        "pay",
        Kind::HowTo,
        &["card-payments", "payouts", "disputes"],
    ),
    (
        "payroll",
        Kind::HowTo,
        &["pay-runs", "employees", "tax-filings"],
    ),
    (
        "account",
        Kind::HowTo,
        &["security", "users-and-roles", "data-export"],
    ),
    (
        "integrations",
        Kind::HowTo,
        &["bank-feeds", "accounting-exports", "api"],
    ),
    (
        "troubleshooting",
        Kind::HowTo,
        &["sync-errors", "sign-in", "email-delivery"],
    ),
    (
        "macros",
        Kind::Macro,
        &["billing-replies", "payout-replies", "account-replies"],
    ),
    ("policies", Kind::Policy, &["refunds", "service-levels"]),
    ("archive", Kind::Archived, &["legacy-billing", "old-plans"]),
    ("changelog", Kind::Changelog, &["releases"]),
];

/// Sub-folders used when an area holds more than one folder of articles.
pub const SUBFOLDERS: &[&str] = &[
    "how-to",
    "faq",
    "reference",
    "admin",
    "mobile",
    "advanced",
    "regional",
    "partners",
    "migration",
    "accountants",
];

/// What an article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A how-to or troubleshooting article.
    HowTo,
    /// A reply macro (`type: macro`, `{{variables}}` allowed).
    Macro,
    /// A policy article (backs promises).
    Policy,
    /// An archived article.
    Archived,
    /// Release notes.
    Changelog,
}

/// Objects an article is about, with the menu path that reaches them.
pub const OBJECTS: &[(&str, &str)] = &[
    ("an invoice", "Sales → Invoices"),
    ("a recurring invoice", "Sales → Recurring"),
    ("a credit note", "Sales → Credit notes"),
    ("an estimate", "Sales → Estimates"),
    ("a customer record", "Contacts → Customers"),
    ("a supplier", "Contacts → Suppliers"),
    ("a bank feed", "Banking → Bank feeds"),
    ("a bank rule", "Banking → Rules"),
    ("a card payment", "Pay → Payments"),
    ("a payout", "Pay → Payouts"),
    ("a dispute", "Pay → Disputes"),
    ("a pay run", "Payroll → Pay runs"),
    ("an employee profile", "Payroll → Employees"),
    ("a pay stub", "Payroll → Pay stubs"),
    ("two-factor authentication", "Settings → Security"),
    ("a user", "Settings → Users"),
    ("your plan", "Settings → Billing → Change plan"),
    ("a tax rate", "Settings → Taxes"),
    ("an expense", "Purchases → Expenses"),
    ("a bill", "Purchases → Bills"),
    ("an API key", "Settings → Developers"),
    ("a payment reminder", "Settings → Reminders"),
    ("a payment method", "Settings → Billing → Payment methods"),
    ("a data export", "Settings → Data export"),
    ("an email template", "Settings → Email templates"),
    ("a product or service", "Items → Products"),
    ("a currency", "Settings → Currencies"),
    ("a project", "Projects → All projects"),
    ("a timesheet", "Projects → Timesheets"),
    ("a journal entry", "Accounting → Journals"),
    ("the chart of accounts", "Accounting → Chart of accounts"),
    ("a report", "Reports → All reports"),
];

/// Verbs for how-to titles.
pub const ACTIONS: &[&str] = &[
    "Create",
    "Edit",
    "Delete",
    "Export",
    "Import",
    "Set up",
    "Turn off",
    "Change",
    "Find",
    "Share",
    "Archive",
    "Duplicate",
    "Void",
    "Reconnect",
    "Merge",
    "Review",
    "Restore",
    "Customize",
    "Schedule",
    "Approve",
];

/// Problems for troubleshooting titles ("Why …?").
pub const PROBLEMS: &[&str] = &[
    "can't I see %o",
    "is %o missing from my report",
    "did %o fail to sync",
    "is %o showing the wrong total",
    "can't I delete %o",
    "was %o sent twice",
    "is %o stuck in Pending",
    "does %o show an error",
];

/// Roles.
pub const ROLES: &[&str] = &[
    "Owner",
    "Admin",
    "Billing admin",
    "Accountant",
    "Payroll manager",
    "Standard user",
];

/// Plans.
pub const PLANS: &[&str] = &["Free", "Starter", "Pro", "Business"];

/// Features.
pub const FEATURES: &[&str] = &[
    "recurring invoices",
    "multi-currency",
    "bank reconciliation",
    "automatic reminders",
    "the client portal",
    "time tracking",
    "purchase orders",
    "custom fields",
    "audit history",
    "bulk export",
];

/// Owners (teams and people).
pub const OWNERS: &[&str] = &[
    "billing-team",
    "payments-team",
    "payroll-team",
    "support-ops",
    "docs-team",
    "integrations-team",
    "Ana Lima",
    "Marcus Lee",
    "Priya Raman",
    "Tomás Ortega",
    "Hannah Becker",
    "Kenji Watanabe",
    "Olivia Grant",
    "Sipho Dlamini",
];

/// Verifiers.
pub const VERIFIERS: &[&str] = &[
    "Priya Raman",
    "Marcus Lee",
    "ana.lima",
    "j.okafor",
    "Hannah Becker",
    "l.moreau",
    "Kenji Watanabe",
];

/// Tags.
pub const TAGS: &[&str] = &[
    "billing",
    "invoices",
    "payments",
    "payroll",
    "security",
    "mobile",
    "api",
    "export",
    "import",
    "tax",
    "bank-feeds",
    "onboarding",
    "admin",
    "reports",
];

/// Opening sentences of how-to articles.
pub const INTRO: &[&str] = &[
    "This article explains how to work with %o in Quillstack Books.",
    "You can manage %o from **%m**.",
    "Only users with the **%r** role can change %o.",
    "Changes to %o are saved automatically and show up for every user in the workspace.",
    "If you're new to Quillstack, finish the setup checklist before you change %o.",
    "Most workspaces only need to do this once, when they first set up %o.",
    "Customers often ask about this right after moving their books over from a spreadsheet.",
    "The steps are the same in the web app and in the mobile app, although some labels are shorter on a phone.",
    "Workspaces on the %p plan see an extra option on this page.",
    "Quillstack keeps a history of every change, so you can see who changed %o and when.",
    "Use this when a customer asks how to handle %o without starting over.",
    "The %f setting affects how %o behaves, so check it first.",
    "Accountants invited to a workspace can follow the same steps.",
    "Everything below also works for workspaces that use %f.",
    "Nothing changes for your customers until you save.",
    "Here's what happens behind the scenes when you change %o, and how to undo it.",
];

/// Requirements ("Before you start").
pub const REQUIREMENTS: &[&str] = &[
    "You need the **%r** role.",
    "Quillstack Pay must be connected to the workspace.",
    "The workspace needs at least one bank account under **Banking**.",
    "Make sure %f is turned on under **Settings → Features**.",
    "Have the customer's billing email address ready.",
    "Sign in on a desktop browser: some options aren't in the mobile app yet.",
    "Check that the workspace currency is set correctly; it can't be changed later.",
    "Export a copy of %o if you might need the old version.",
];

/// Numbered steps.
pub const STEPS: &[&str] = &[
    "Go to **%m**.",
    "Select %o from the list, or search for it by name.",
    "Click **Edit** and change the fields you need.",
    "Choose **Save**. A green banner confirms the change.",
    "Open the **More** menu (⋯) and choose **Export**.",
    "Pick a date range, then click **Apply**.",
    "Check the preview and click **Confirm**.",
    "If a dialog asks whether to notify the customer, choose **Send email** or **Skip**.",
    "Refresh the page to see the updated status.",
    "Under **Options**, turn on %f.",
    "Type a short note for your records; customers never see it.",
    "Click **Add line** for each product or service.",
    "Choose the account to post to, or leave the default.",
    "Select **Done** to close the panel.",
];

/// Callouts.
pub const NOTES: &[&str] = &[
    "> **Note:** You need the **%r** role to see this option.",
    "> **Tip:** Press `Ctrl` + `K` and type the name of %o to jump straight to it.",
    "> **Important:** Deleting %o can't be undone. Export a copy first if you might need it later.",
    "> **Note:** On the Free plan this page is read-only.",
    "> **Tip:** You can do this for several records at once: tick them in the list and use **Bulk actions**.",
    "> [!NOTE]\n> The mobile app shows the same information under **More → %O**.",
];

/// Troubleshooting sentences.
pub const TROUBLE: &[&str] = &[
    "If the **Save** button is greyed out, check that every required field has a value.",
    "A red *Sync failed* badge usually means the bank connection needs to be renewed.",
    "Clear your browser cache and sign in again if the page doesn't load.",
    "If the totals look wrong, check the tax rate on each line before anything else.",
    "Changes made on another device can take a minute to appear; refresh the page.",
    "If you see *Permission denied*, ask the workspace owner to give you the **%r** role.",
    "Still stuck? Contact support from **Help → Contact us** and include a screenshot of the error.",
    "Duplicate records are usually created by importing the same file twice: delete the copies and import once.",
];

/// Consistent facts about the product: quantities in natural phrasing, neutral wording.
pub const FACTS: &[&str] = &[
    "The Pro plan costs $49 per month, or $490 if you pay yearly.",
    "Starter is $19 a month and includes one user.",
    "Business costs $99 per month and adds phone support.",
    "Starter includes 5 GB of file storage, Pro includes 50 GB and Business 500 GB.",
    "You can attach files of up to 25 MB to an invoice.",
    "Card refunds usually take 5–10 business days to show up on the customer's statement.",
    "Payouts to US bank accounts arrive in 2 business days.",
    "Chat support is open Monday to Friday, 8 am to 8 pm Eastern.",
    "Business customers can call support at +1 (415) 555-0142.",
    "Exports include up to 10,000 rows per file; larger exports are split into several files.",
    "A workspace on Pro can have up to 3 users; Business allows 10.",
    "Invoices you void stay in your records for 7 years.",
];

/// Commitments: only in verified articles, policies, or next to a policy link.
pub const PROMISES: &[&str] = &[
    "We guarantee a first response within 24 hours on every email ticket.",
    "If a payout is late because of an error on our side, we'll refund the processing fee in full.",
    "Business customers get 24/7 phone support.",
    "If you're charged twice for the same invoice, we'll refund the duplicate charge within 5 business days.",
    "Annual plans come with a 30-day money-back guarantee.",
    "We'll credit one free month to any workspace affected by an outage longer than 4 hours.",
];

/// Facts stated with a wrong value (injected conflicts).
pub const CONFLICTS: &[&str] = &[
    "The Pro plan costs $59 per month.",
    "Starter is $15 a month and includes one user.",
    "Starter includes 10 GB of file storage.",
    "Business customers can call support at +1 (415) 555-0199.",
    "Chat support is open Monday to Friday, 9 am to 5 pm Eastern.",
    "Payouts to US bank accounts arrive in 4 business days.",
    "You can attach files of up to 10 MB to an invoice.",
];

/// Promises injected into unverified articles.
pub const UNVERIFIED_PROMISES: &[&str] = &[
    "We guarantee that every support email gets a reply within 2 hours.",
    "If anything goes wrong with %o, we'll give you a full refund, no questions asked.",
    "You will never be charged twice for the same invoice.",
    "We'll send you a $50 credit if a payout is more than a day late.",
    "Our API has 100%% uptime.",
];

/// Placeholders injected into prose.
pub const PLACEHOLDERS: &[&str] = &[
    "TODO: add a screenshot of the new settings page.",
    "The late fee for overdue invoices is TBD.",
    "See [insert link to the refund policy] for the full terms.",
    "Hi {{customer_name}}, thanks for getting in touch.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "FIXME: the limits below changed in the spring release.",
];

/// Time-bound wording that has lapsed (injected staleness).
pub const LAPSED: &[&str] = &[
    "As of March 2023, bank feeds for credit unions are in beta.",
    "This option is coming soon to the mobile app.",
    "The holiday discount on annual plans ends December 31, 2024.",
    "Until 2024-06-30, new workspaces get Pro features for free.",
    "%F is currently in beta and may change without notice.",
];

/// Blame-shifting lines injected into macros.
pub const TONE: &[&str] = &[
    "Unfortunately this is not our fault, as your bank declined the payment.",
    "I'm sorry, but there is nothing we can do about this.",
    "You should have checked the invoice before sending it.",
    "We'll try to look into it at some point.",
];

/// Macro bodies.
pub const MACRO_LINES: &[&str] = &[
    "Thanks for getting in touch about %o.",
    "I've had a look at your workspace, and here's what I found.",
    "You can fix this yourself in a couple of minutes:",
    "I've gone ahead and updated %o for you, so there's nothing more you need to do.",
    "Could you send me a screenshot of the error you see? That helps me find the cause quickly.",
    "I've passed this on to our payments team and will update you as soon as I hear back.",
];

/// Changelog entries.
pub const RELEASES: &[&str] = &[
    "**New:** %f for workspaces on the %p plan.",
    "**Improved:** faster search across %O records.",
    "**Fixed:** totals on %o were rounded twice in some currencies.",
    "**Coming soon:** a redesigned %O page.",
    "**New:** export %o to CSV from the mobile app.",
    "**Changed:** the default reminder schedule is now 3, 7 and 14 days after the due date.",
];

/// Headings: each how-to article uses one variant of each.
pub const H_BEFORE: &[&str] = &["Before you start", "Prerequisites", "What you need"];
/// Second heading variants.
pub const H_STEPS: &[&str] = &["Steps", "How to do it", "Step by step"];
/// Troubleshooting heading variants.
pub const H_TROUBLE: &[&str] = &[
    "Troubleshooting",
    "If something goes wrong",
    "Common problems",
];

/// Screenshots written to `assets/`.
pub const ASSETS: &[&str] = &[
    "invoice-editor.png",
    "dashboard-overview.png",
    "bank-feeds.png",
    "payroll-summary.png",
    "settings-billing.png",
    "mobile-app.png",
];

/// Longer explanations ("How it works").
pub const EXPLAIN: &[&str] = &[
    "Quillstack records every change to %o in the audit history, with the user, the time and the old and new values.",
    "When you save, the totals are recalculated line by line, using the tax rate and currency of each line rather than the workspace defaults.",
    "Reports read the posted values, so a change shows up in the profit and loss report as soon as it's saved.",
    "If your workspace uses %f, the change also applies to every open record that depends on %o.",
    "Customers see the new version the next time they open the link in their email or the client portal.",
    "Nothing is deleted straight away: removed items stay in **Trash** for a while and can be restored from there.",
    "Bank feeds import transactions once a night; a manual refresh pulls anything posted since then.",
    "Exports are generated in the background and emailed to you when they're ready, which can take a few minutes for large workspaces.",
    "Permissions are checked on every request, so a user whose role changes sees the new options after refreshing the page.",
    "Amounts are stored with the currency they were entered in, and converted with the daily exchange rate only for reports.",
    "Accountants who have access to several workspaces see each one separately and switch between them from the workspace menu.",
    "The mobile app syncs in the background and keeps working offline; changes made offline are uploaded once the phone reconnects.",
    "Each workspace keeps its own numbering sequence, so two workspaces can both have an INV-0001.",
    "For workspaces on the %p plan, the same page also shows a usage summary for the current month.",
];

/// Frequently asked questions: question, answer.
pub const FAQ: &[(&str, &str)] = &[
    ("Can I undo this?", "Yes, as long as the record hasn't been sent or paid. Open it and choose **More → Revert to draft**."),
    ("Will my customer be notified?", "Only if you choose **Send email** when you save. Otherwise the change is silent."),
    ("Does this work on the mobile app?", "Yes. The same option is under **More → %O** in the app."),
    ("Who can see this?", "Everyone in the workspace with the **%r** role or higher."),
    ("Does it affect past reports?", "Reports for closed periods don't change. Open periods are recalculated."),
    ("Can I do this for several records at once?", "Yes: select them in the list and choose **Bulk actions**."),
    ("Why is the option greyed out?", "Your role doesn't allow it, or the period is locked. Ask the workspace owner."),
    ("Is there an API for this?", "Yes. See the developer documentation at https://developer.quillstack.example for the endpoint and examples."),
];

/// The last step of a procedure.
pub const FINAL_STEPS: &[&str] = &[
    "Choose **Save**. A green banner confirms the change.",
    "Click **Confirm**.",
    "Select **Done** to close the panel.",
    "Click **Save and send** to email it straight away, or **Save** to keep it as a draft.",
];
