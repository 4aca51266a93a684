//! Keys of the bill audit's findings (issue: bill audit).

use super::keys;

keys! {}
