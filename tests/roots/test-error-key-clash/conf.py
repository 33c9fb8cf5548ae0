from rootconf import *  # noqa: F403 (the settings every test site shares)
