def current_centre(request):
    """Make the centre of this host (or None on the platform host) available to templates."""
    return {"centre": getattr(request, "centre", None)}
