//! Orders: the list, one order, approve and reject, and the `orderUpdated` subscription.
