"""povdash: load, validate, normalise and chart poverty-alleviation figures traced to sources."""
