"""Write JupyterLab settings overrides into the virtual environment.

JupyterLab asks on first start whether to fetch Jupyter news; a classroom or an offline
machine should not be asked. The override lives in the environment, not in the user's home.

Comm messages go to the kernel's main shell, in order ("commsOverSubshells": "disabled").
By default JupyterLab 4.6 sends them to a kernel subshell (ipykernel 7), and a widget's new
value could then be handled after the Check click sent just behind it: a student got the
verdict on the previous answer (seen in the browser tests, about one run in four).
"""

import json
import sys
from pathlib import Path

settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
settings.mkdir(parents=True, exist_ok=True)
overrides = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/apputils-extension:kernels-settings": {"commsOverSubshells": "disabled"},
}
(settings / "overrides.json").write_text(json.dumps(overrides, indent=2) + "\n")
