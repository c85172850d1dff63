//! Sharing the work of one large message between a few threads: attachments to extract,
//! texts to scan. Small messages stay on the caller's thread (a thread costs more than it
//! saves there). Parallelism shortens the analysis of a big message; it does not change the
//! total work, and it is bounded by `[analysis] threads`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// Below this total weight (bytes), everything runs on the caller's thread.
pub const PARALLEL_FROM: usize = 512 * 1024;

/// `f` applied to every item, on up to `threads` threads (the caller's included) when the
/// items weigh at least [`PARALLEL_FROM`] together. Heaviest items are taken first, by
/// whichever thread is free; the results keep the items' order.
pub fn map<T, R, W, F>(items: &[T], threads: usize, weight: W, f: F) -> Vec<R>
where
    T: Sync,
    R: Send + Default,
    W: Fn(&T) -> usize,
    F: Fn(&T) -> R + Sync,
{
    let total: usize = items.iter().map(&weight).sum();
    if threads <= 1 || items.len() < 2 || total < PARALLEL_FROM {
        return items.iter().map(f).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<R>> = items.iter().map(|_| Mutex::new(R::default())).collect();
    let work = || {
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            let result = f(&items[i]);
            *slots[i].lock().unwrap_or_else(PoisonError::into_inner) = result;
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.min(items.len()) {
            // A thread the system refuses leaves its share to the others.
            let _ = std::thread::Builder::new()
                .name("sentinelle-analysis".into())
                .spawn_scoped(scope, work);
        }
        work();
    });
    slots
        .into_iter()
        .map(|slot| slot.into_inner().unwrap_or_else(PoisonError::into_inner))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_whatever_the_threads() {
        let items: Vec<usize> = (0..50).map(|i| i * 40_000).collect();
        let one = map(&items, 1, |&w| w, |&w| w / 2);
        let four = map(&items, 4, |&w| w, |&w| w / 2);
        assert_eq!(one, four);
        assert_eq!(four[49], 49 * 20_000);
    }
}
