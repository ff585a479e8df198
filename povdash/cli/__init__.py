"""The `povdash` command line: main dispatches to one module per subcommand."""
