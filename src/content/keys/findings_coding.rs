//! Keys of the coding findings (duplicates, codes, modifiers, unbundling, units).

use super::keys;

keys! {}
