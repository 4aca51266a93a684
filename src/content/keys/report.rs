//! Keys of the report: summary, timing, plan.

use super::keys;

keys! {}
