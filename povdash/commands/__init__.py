"""One module per `povdash` subcommand, each with `add_parser(subparsers)` and `run(args)`."""
