//! period (to be written).
