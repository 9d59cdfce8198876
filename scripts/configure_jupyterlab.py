"""Write JupyterLab settings overrides into the virtual environment.

JupyterLab asks on first start whether to fetch Jupyter news; a classroom or an offline
machine should not be asked. The override lives in the environment, not in the user's home.
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
    }
}
(settings / "overrides.json").write_text(json.dumps(overrides, indent=2) + "\n")
