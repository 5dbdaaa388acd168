// Loaded (deferred) right after htmx, before the page is ready: htmx's own indicator <style>
// would break the strict Content-Security-Policy, and no page needs eval.
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;
