//! Locking shared by every layer.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks a mutex, going on with the data of a thread that panicked while holding it: every
/// critical section of the emulator leaves the data consistent.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
