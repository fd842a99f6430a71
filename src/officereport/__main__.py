from officereport.cli import main

raise SystemExit(main())
