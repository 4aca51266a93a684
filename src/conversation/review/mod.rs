//! The review: the questions asked about a bill, the choices offered for
//! them, and the order they come in.

pub mod choices;
pub mod question;
