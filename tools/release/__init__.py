"""Release tools: publish the checked site to nginx (``publish``, steps in ``deploy/``), the offline
copy for reviewers (``offline``) and their A4 case book PDF (``dossier``). ``make package`` is the core's
(``python -m showcase package``), since the media team runs it from the form editor."""
