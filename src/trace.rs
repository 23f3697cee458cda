//! `GONGWEN_TRACE=1`: a timeline of a conversion's stages, per thread, printed
//! to standard error when the command ends (`report`). Off, a stage costs one
//! atomic load (the switch is read from the environment once); it exists to
//! find the wall-clock critical path across the writer threads, which
//! instruction counts cannot show. Times are milliseconds from `start` (the
//! command line's first act); the header gives that instant as Unix time, to
//! set beside `strace -ttt`'s exec and exit.

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Mutex, OnceLock};
    use std::time::{Instant, SystemTime};

    /// The origin of the timeline, when tracing is on.
    static ORIGIN: OnceLock<Option<(Instant, SystemTime)>> = OnceLock::new();
    /// Finished stages: (thread, stage, start, end).
    static SPANS: Mutex<Vec<(usize, &'static str, Instant, Instant)>> = Mutex::new(Vec::new());
    static THREADS: AtomicUsize = AtomicUsize::new(0);

    thread_local! {
        /// The thread's number in the timeline (0: the first thread to trace).
        static THREAD: usize = THREADS.fetch_add(1, Ordering::Relaxed);
    }

    fn origin() -> Option<Instant> {
        ORIGIN
            .get_or_init(|| {
                std::env::var_os("GONGWEN_TRACE")
                    .filter(|v| !v.is_empty() && v != "0")
                    .map(|_| (Instant::now(), SystemTime::now()))
            })
            .map(|(i, _)| i)
    }

    /// A stage under way; it ends when dropped.
    pub struct Span {
        name: &'static str,
        start: Option<Instant>,
    }

    pub fn start() {
        let _ = origin();
    }

    pub fn span(name: &'static str) -> Span {
        Span {
            name,
            start: origin().map(|_| Instant::now()),
        }
    }

    impl Drop for Span {
        fn drop(&mut self) {
            if let Some(start) = self.start {
                let end = Instant::now();
                let thread = THREAD.with(|t| *t);
                if let Ok(mut spans) = SPANS.lock() {
                    spans.push((thread, self.name, start, end));
                }
            }
        }
    }

    pub fn report() {
        let Some(Some((origin, wall))) = ORIGIN.get() else {
            return;
        };
        let now = Instant::now();
        let mut spans = SPANS.lock().map(|s| s.clone()).unwrap_or_default();
        spans.sort_by_key(|s| (s.2, std::cmp::Reverse(s.3)));
        let ms = |t: Instant| t.saturating_duration_since(*origin).as_secs_f64() * 1000.0;
        let unix = wall
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        let mut out = format!("gongwen trace: origin at Unix time {unix:.6}\n");
        for (thread, name, start, end) in spans {
            out.push_str(&format!(
                "{:8.3} {:8.3} {:7.3} ms  thread {thread}  {name}\n",
                ms(start),
                ms(end),
                ms(end) - ms(start),
            ));
        }
        out.push_str(&format!("{:8.3} report\n", ms(now)));
        eprint!("{out}");
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    /// No clock on wasm32-unknown-unknown: nothing is traced.
    pub struct Span;

    pub fn start() {}

    pub fn span(_name: &'static str) -> Span {
        Span
    }

    pub fn report() {}
}

pub use imp::Span;

/// Read the switch and set the timeline's origin (the command line calls it
/// first; otherwise the first stage does).
pub fn start() {
    imp::start()
}

/// Time a stage until the returned guard is dropped.
pub fn span(name: &'static str) -> Span {
    imp::span(name)
}

/// Print the timeline to standard error (nothing when tracing is off).
pub fn report() {
    imp::report()
}
