//! The company's approval rules, user limits and cost centres.
