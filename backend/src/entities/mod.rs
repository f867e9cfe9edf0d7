//! sea-orm models of the tables in `migrations`. Only `domain` and `seed` use them:
//! GraphQL types are separate structs, so a column never leaks into the API by accident.

pub mod company;
pub mod cost_center;
pub mod user;
