//! Keys of the conversation: greeting, questions, input errors, commands.

use super::keys;

keys! {
    // Greeting and main menu.
    START_GREETING = "start.greeting";
    START_REVIEW_IN_PROGRESS = "start.review_in_progress";
    MENU_PROMPT = "menu.prompt";
    MENU_REVIEW = "menu.review";
    MENU_SCRIPT = "menu.script";
    MENU_REMINDERS = "menu.reminders";
    MENU_MAIN = "menu.main";

    // The review: progress, answers, summary.
    REVIEW_PROGRESS = "review.progress" [current, total, part];
    REVIEW_PART_BILL = "review.part.bill";
    REVIEW_PART_DATES = "review.part.dates";
    REVIEW_PART_CHARGES = "review.part.charges";
    REVIEW_PART_YOU = "review.part.you";
    REVIEW_ANSWERED = "review.answered" [question, answer];
    REVIEW_KEEP = "review.keep" [answer];
    REVIEW_SAME_AS_BEFORE = "review.same_as_before" [answer];
    REVIEW_PAUSED = "review.paused";

    // Question 1: who sent the bill.
    SENDER_PROMPT = "question.sender.prompt";
    SENDER_HOSPITAL = "question.sender.hospital";
    SENDER_DOCTOR_OFFICE = "question.sender.doctor_office";
    SENDER_LAB = "question.sender.lab";
    SENDER_AMBULANCE = "question.sender.ambulance";
    SENDER_COLLECTIONS = "question.sender.collections_agency";
    SENDER_OTHER = "question.sender.other";

    // Question: insurance.
    COVERAGE_PROMPT = "question.coverage.prompt";
    COVERAGE_IN_NETWORK = "question.coverage.in_network";
    COVERAGE_OUT_OF_NETWORK = "question.coverage.out_of_network";
    COVERAGE_NOT_SURE = "question.coverage.insured_not_sure";
    COVERAGE_SELF_PAY = "question.coverage.self_pay";
    COVERAGE_MEDICARE = "question.coverage.medicare";
    COVERAGE_MEDICAID = "question.coverage.medicaid";

    // Questions: which Medicare, and QMB (Medicare only).
    MEDICARE_KIND_PROMPT = "question.medicare_kind.prompt";
    MEDICARE_KIND_ORIGINAL = "question.medicare_kind.original";
    MEDICARE_KIND_ADVANTAGE = "question.medicare_kind.advantage";
    QMB_PROMPT = "question.qmb.prompt";

    // Question: amount due now.
    AMOUNT_DUE_PROMPT = "question.amount_due.prompt";

    // Answers shared by several questions.
    ANSWER_YES = "answer.yes";
    ANSWER_NO = "answer.no";
    /// Other words typed for yes, for no, for self-pay (comma-separated).
    ANSWER_NOT_SURE = "answer.not_sure";
    ANSWER_SKIP = "answer.skip";

    // The other questions of the review.
    NONPROFIT_PROMPT = "question.nonprofit.prompt";
    IN_NETWORK_FACILITY_PROMPT = "question.in_network_facility.prompt";
    EMERGENCY_PROMPT = "question.emergency.prompt";
    CLAIM_PROMPT = "question.claim.prompt";
    CLAIM_PAID_PART = "question.claim.paid_part";
    CLAIM_DENIED = "question.claim.denied";
    CLAIM_PENDING = "question.claim.pending";
    CLAIM_NOT_SENT = "question.claim.not_sent";
    DENIAL_DATE_PROMPT = "question.denial_date.prompt";
    /// A hospital stay: the day the patient went home (optional).
    DISCHARGE_DATE_PROMPT = "question.discharge_date.prompt";
    SERVICE_DATE_PROMPT = "question.service_date.prompt";
    FIRST_BILL_DATE_PROMPT = "question.first_bill_date.prompt";
    IN_COLLECTIONS_PROMPT = "question.in_collections.prompt";
    COLLECTIONS_NOTICE_DATE_PROMPT = "question.collections_notice_date.prompt";
    COLLECTOR_LETTER_DATE_PROMPT = "question.collector_letter_date.prompt";
    ESTIMATE_PROMPT = "question.estimate.prompt";
    ESTIMATE_NONE = "question.estimate.none";
    HAS_ITEMIZED_PROMPT = "question.has_itemized.prompt";
    LINE_ITEMS_PROMPT = "question.line_items.prompt";
    NOT_RECEIVED_PROMPT = "question.not_received.prompt";
    EOB_BILLED_PROMPT = "question.eob_billed.prompt";
    EOB_ALLOWED_PROMPT = "question.eob_allowed.prompt";
    EOB_PLAN_PAID_PROMPT = "question.eob_plan_paid.prompt";
    EOB_YOUR_SHARE_PROMPT = "question.eob_your_share.prompt";
    /// Original Medicare: the same figures on the Medicare Summary Notice (E2).
    MSN_CLAIM_PROMPT = "question.msn_claim.prompt";
    MSN_DENIAL_DATE_PROMPT = "question.msn_denial_date.prompt";
    MSN_BILLED_PROMPT = "question.msn_billed.prompt";
    MSN_ALLOWED_PROMPT = "question.msn_allowed.prompt";
    MSN_PLAN_PAID_PROMPT = "question.msn_plan_paid.prompt";
    MSN_YOUR_SHARE_PROMPT = "question.msn_your_share.prompt";
    /// Medicare of a kind not known: Medicare or the Medicare plan decides
    /// (E2), and its notice is an MSN or an EOB.
    MEDICARE_OR_PLAN_CLAIM_PROMPT = "question.medicare_or_plan_claim.prompt";
    MEDICARE_OR_PLAN_DENIAL_DATE_PROMPT = "question.medicare_or_plan_denial_date.prompt";
    MEDICARE_OR_PLAN_BILLED_PROMPT = "question.medicare_or_plan_billed.prompt";
    HOUSEHOLD_SIZE_PROMPT = "question.household_size.prompt";
    YEARLY_INCOME_PROMPT = "question.yearly_income.prompt";
    US_STATE_PROMPT = "question.us_state.prompt";
    LUMP_SUM_PROMPT = "question.lump_sum.prompt";
    MONTHLY_PROMPT = "question.monthly.prompt";

    // Line items: what was read, fixing and removing lines.
    ITEMS_LINE = "items.line" [number, details, amount];
    ITEMS_UNITS = "items.units" [units];
    ITEMS_DETAIL_SEPARATOR = "items.detail_separator";
    ITEMS_READ = "items.read" [count];
    ITEMS_READ_ONE = "items.read_one";
    ITEMS_UNREADABLE = "items.unreadable" [lines];
    ITEMS_LIST_HEADING = "items.list_heading";
    ITEMS_LIST_LONG = "items.list_long" [count];
    ITEMS_SHOW_LIST = "items.show_list";
    ITEMS_TOTAL = "items.total" [count, total];
    ITEMS_TOTAL_ONE = "items.total_one" [total];
    ITEMS_COUNT = "items.count" [count, total];
    ITEMS_COUNT_ONE = "items.count_one" [total];
    ITEMS_NEXT = "items.next";
    ITEMS_FROM_PHOTO = "items.from_photo";
    ITEMS_TOTAL_MISMATCH = "items.total_mismatch" [read, printed];
    ITEMS_NOTHING_READ = "items.nothing_read";
    ITEMS_NONE_YET = "items.none_yet";
    ITEMS_DONE = "items.done";
    ITEMS_FIX = "items.fix";
    ITEMS_REMOVE = "items.remove";
    ITEMS_BACK_TO_LIST = "items.back_to_list";
    ITEMS_DONT_HAVE = "items.dont_have";
    ITEMS_WHICH_TO_FIX = "items.which_to_fix" [last];
    ITEMS_WHICH_TO_REMOVE = "items.which_to_remove" [last];
    ITEMS_SEND_CORRECTED = "items.send_corrected" [number, line];
    ITEMS_FIXED = "items.fixed" [number];
    ITEMS_REMOVED = "items.removed" [number];
    ITEMS_NOT_A_NUMBER = "items.not_a_number" [last];
    ITEMS_LINE_UNREADABLE = "items.line_unreadable";
    ITEMS_STOPPED_EARLY = "items.stopped_early";

    // Services not received.
    NOT_RECEIVED_LIST = "not_received.list";
    NOT_RECEIVED_PAGE = "not_received.page" [page, pages];
    NOT_RECEIVED_MARKED_LINE = "not_received.marked_line" [line];
    NOT_RECEIVED_MARKED_BUTTON = "not_received.marked_button" [number];
    NOT_RECEIVED_DONE = "not_received.done";
    NOT_RECEIVED_NONE = "not_received.none";
    NOT_RECEIVED_LINES_ONE = "not_received.lines_one" [numbers];
    NOT_RECEIVED_LINES_OTHER = "not_received.lines_other" [numbers];
    NOT_RECEIVED_PREVIOUS = "not_received.previous";
    NOT_RECEIVED_NEXT = "not_received.next";
    NOT_RECEIVED_HINT = "not_received.hint";

    // Dates that look wrong.
    DATE_IN_FUTURE = "date.in_future" [date];
    DATE_BEFORE_SERVICE = "date.before_service" [date, service_date];
    DATE_BEFORE_FIRST_BILL = "date.before_first_bill" [date, first_bill_date];
    DATE_KEEP_IT = "date.keep_it";
    DATE_RETYPE = "date.retype";
    DATE_TYPE_AGAIN = "date.type_again";

    // A typed answer read as a guess, to confirm with one tap.
    GUESS_CHECK = "guess.check" [answer];
    GUESS_YES = "guess.yes";
    GUESS_NO = "guess.no";
    GUESS_TYPE_AGAIN = "guess.type_again";
    /// An answer to the next question typed while a guess waits: kept.
    GUESS_KEPT = "guess.kept" [text];
    /// That answer, used once the check is answered.
    GUESS_KEPT_USED = "guess.kept_used" [text];

    // Several bills.
    BILLS_HEADING = "bills.heading";
    BILLS_LINE = "bills.line" [number, sender, amount, stage];
    BILLS_LINE_CURRENT = "bills.line_current" [number, sender, amount, stage];
    BILLS_BUTTON = "bills.button" [number, sender];
    BILLS_BUTTON_CURRENT = "bills.button_current" [number, sender];
    BILLS_NEW = "bills.new";
    BILLS_STAGE_QUESTION = "bills.stage_question" [current, total];
    BILLS_STAGE_REVIEWED = "bills.stage_reviewed";
    BILLS_STAGE_PAID = "bills.stage_paid" [amount];
    BILLS_UNNAMED = "bills.unnamed";
    BILLS_NO_AMOUNT = "bills.no_amount";
    BILLS_STARTED_NEW = "bills.started_new";
    BILLS_SWITCHED = "bills.switched" [number];
    BILLS_PAGE = "bills.page" [page, pages];
    BILLS_MORE = "bills.more";
    BILLS_PREVIOUS = "bills.previous";

    // The summary at the end of the review.
    SUMMARY_HEADING = "summary.heading";
    SUMMARY_LINE = "summary.line" [label, value];
    SUMMARY_FOOTER = "summary.footer";
    SUMMARY_SKIPPED = "summary.skipped";
    SUMMARY_SENDER = "summary.sender";
    SUMMARY_NONPROFIT = "summary.nonprofit";
    SUMMARY_IN_NETWORK_FACILITY = "summary.in_network_facility";
    SUMMARY_COVERAGE = "summary.coverage";
    SUMMARY_MEDICARE_KIND = "summary.medicare_kind";
    SUMMARY_QMB = "summary.qmb";
    SUMMARY_EMERGENCY = "summary.emergency";
    SUMMARY_CLAIM = "summary.claim";
    SUMMARY_DENIAL_DATE = "summary.denial_date";
    SUMMARY_DISCHARGE_DATE = "summary.discharge_date";
    SUMMARY_SERVICE_DATE = "summary.service_date";
    SUMMARY_FIRST_BILL_DATE = "summary.first_bill_date";
    SUMMARY_AMOUNT_DUE = "summary.amount_due";
    SUMMARY_IN_COLLECTIONS = "summary.in_collections";
    SUMMARY_COLLECTIONS_NOTICE_DATE = "summary.collections_notice_date";
    SUMMARY_COLLECTOR_LETTER_DATE = "summary.collector_letter_date";
    SUMMARY_ESTIMATE = "summary.estimate";
    SUMMARY_HAS_ITEMIZED = "summary.has_itemized";
    SUMMARY_LINE_ITEMS = "summary.line_items";
    SUMMARY_NOT_RECEIVED = "summary.not_received";
    SUMMARY_EOB_BILLED = "summary.eob_billed";
    SUMMARY_EOB_ALLOWED = "summary.eob_allowed";
    SUMMARY_EOB_PLAN_PAID = "summary.eob_plan_paid";
    SUMMARY_EOB_YOUR_SHARE = "summary.eob_your_share";
    /// Original Medicare: the Medicare Summary Notice's columns (E2).
    SUMMARY_MSN_BILLED = "summary.msn_billed";
    SUMMARY_MSN_ALLOWED = "summary.msn_allowed";
    SUMMARY_MSN_PLAN_PAID = "summary.msn_plan_paid";
    SUMMARY_MSN_YOUR_SHARE = "summary.msn_your_share";
    SUMMARY_HOUSEHOLD_SIZE = "summary.household_size";
    SUMMARY_YEARLY_INCOME = "summary.yearly_income";
    SUMMARY_US_STATE = "summary.us_state";
    SUMMARY_LUMP_SUM = "summary.lump_sum";
    SUMMARY_MONTHLY = "summary.monthly";

    // What the user typed could not be used.
    AMOUNT_UNREADABLE = "input.amount.unreadable";
    INCOME_TOO_SMALL = "input.amount.income_too_small" [amount];
    INCOME_NOT_PAYMENT = "input.amount.income_not_payment";
    ESTIMATE_ZERO = "input.amount.estimate_zero";
    AMOUNT_NEGATIVE = "input.amount.negative";
    AMOUNT_TOO_PRECISE = "input.amount.too_precise";
    AMOUNT_TOO_LARGE = "input.amount.too_large";
    INPUT_NOT_AN_OPTION = "input.not_an_option" [example];
    INPUT_NOT_UNDERSTOOD = "input.not_understood";
    INPUT_BEST_GUESS = "input.best_guess";
    INPUT_UNSUPPORTED = "input.unsupported";
    INPUT_STALE_BUTTON = "input.stale_button";
    INPUT_UNKNOWN_COMMAND = "input.unknown_command";
    INPUT_NOTHING_TO_CANCEL = "input.nothing_to_cancel";
    INPUT_NOTHING_BEFORE = "input.nothing_before";
    INPUT_CANNOT_SKIP = "input.cannot_skip";
    INPUT_NOTHING_TO_SKIP = "input.nothing_to_skip";
    DATE_UNREADABLE = "input.date.unreadable";
    DATE_IMPOSSIBLE = "input.date.impossible";
    DATE_WHICH_DAY = "input.date.which_day";
    DATE_COUNT_FROM_LETTER = "input.date.count_from_letter";
    DATE_ROUGHLY = "input.date.roughly";
    COUNT_INVALID = "input.count.invalid";
    STATE_UNREADABLE = "input.state.unreadable";
    FILE_TOO_LARGE = "input.file.too_large" [max];
    FILE_NOT_TEXT = "input.file.not_text";
    FILE_NO_OCR = "input.file.no_ocr";
    FILE_UNREADABLE = "input.file.unreadable";
    FILE_HEIC = "input.file.heic";
    FILE_NOT_NOW = "input.file.not_now";
    FILE_EOB_READ = "input.file.eob_read";
    FILE_EOB_NOTHING = "input.file.eob_nothing";

    // Commands.
    HELP_TEXT = "help.text";
    INPUT_POINTER_TAP = "input.pointer.tap";
    INPUT_POINTER_TYPE = "input.pointer.type";
    INPUT_POINTER_TYPE_OR_TAP = "input.pointer.type_or_tap";
    COMMAND_START = "commands.start";
    COMMAND_HELP = "commands.help";
    COMMAND_BACK = "commands.back";
    COMMAND_CANCEL = "commands.cancel";
    COMMAND_DELETE = "commands.delete";
    COMMAND_SKIP = "commands.skip";
    COMMAND_NEW = "commands.new";
    COMMAND_BILLS = "commands.bills";
    COMMAND_CALL = "commands.call";
    COMMAND_SCRIPT = "commands.script";
    COMMAND_LETTER = "commands.letter";
    COMMAND_REMIND = "commands.remind";
    COMMAND_REMINDERS = "commands.reminders";
    COMMAND_PAID = "commands.paid";
    COMMAND_FAQ = "commands.faq";
    COMMAND_EXPORT = "commands.export";
    COMMAND_LANGUAGE = "commands.language";

    // Dates as the chat's language writes them.
    CALENDAR_MONTHS = "calendar.months";
    CALENDAR_WEEKDAYS = "calendar.weekdays";
    CALENDAR_DATE = "calendar.date" [weekday, month, day];
    CALENDAR_DATE_YEAR = "calendar.date_year" [weekday, month, day, year];
    CALENDAR_MONTHS_LONG = "calendar.months_long";
    CALENDAR_LONG_DATE = "calendar.long_date" [month, day, year];

    // The chat's language.
    LANGUAGE_NAME = "language.name";
    LANGUAGE_PROMPT = "language.prompt";
    LANGUAGE_SET = "language.set";
    EXPORT_SENT = "export.sent";
    EXPORT_CAPTION = "export.caption";

    // Erasing a chat's data.
    DELETE_CONFIRM = "delete.confirm";
    DELETE_YES = "delete.yes";
    DELETE_NO = "delete.no";
    DELETE_DONE = "delete.done";
    DELETE_KEPT = "delete.kept";

    // Said by the shells.
    STORE_RECORD_RESET = "shell.record_reset";
    TELEGRAM_PRIVATE_ONLY = "shell.private_only";
    TELEGRAM_SOMETHING_WENT_WRONG = "shell.something_went_wrong";
    CONSOLE_NO_TOKEN = "shell.console_no_token";
    CONSOLE_HOW_TO_ANSWER = "shell.console_how_to_answer";
}
