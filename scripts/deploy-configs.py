"""Write deploy/nginx.conf and deploy/apache.conf from the table of headers every build also
writes into _headers (generator/render/headers.py). Run by `make deploy-configs`."""

from __future__ import annotations

from pathlib import Path

from generator.render.headers import deploy_files

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"

if __name__ == "__main__":
    DEPLOY.mkdir(exist_ok=True)
    for name, text in deploy_files().items():
        (DEPLOY / name).write_text(text, encoding="utf-8")
        print(DEPLOY / name)
