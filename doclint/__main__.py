from doclint.cli_fast import main

main()
