from rootconf import *  # noqa: F403 (the settings every test site shares)

latex_documents = [("index", "site.tex", "Site", "Ada Lovelace", "manual")]
