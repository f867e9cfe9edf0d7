//! The user's notifications and the unread count.
