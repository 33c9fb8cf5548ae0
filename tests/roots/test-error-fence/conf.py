from rootconf import *  # noqa: F403 (the settings every test site shares)

myst_enable_extensions = []  # no colon_fence
