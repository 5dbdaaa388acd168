// Loaded (deferred) right after htmx: the strict CSP refuses htmx's inline indicator styles,
// and the people pages need none.
htmx.config.includeIndicatorStyles = false;
