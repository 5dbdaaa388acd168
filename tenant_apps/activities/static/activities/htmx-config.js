// Loaded (deferred) right after htmx and before the page is ready: htmx's own indicator
// <style> would break the strict Content-Security-Policy, and eval is never needed.
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;
