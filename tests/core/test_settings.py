"""Configuration: production values pass Django's deployment checks; a missing production key fails fast."""

import os
import subprocess
import sys

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-for-the-deploy-check-only-" + "x" * 40,
    "ALLOWED_HOSTS": "thidua.haiphong.gov.vn",
    "DJANGO_SETTINGS_MODULE": "thidua.settings",
}


def run_thidua(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "-m", "thidua", *args], env={**clean, **env}, capture_output=True, text=True, check=False
    )


def test_check_deploy_with_production_values_reports_nothing():
    result = run_thidua("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert (result.returncode, result.stdout.strip()) == (0, "System check identified no issues (0 silenced).")


def test_missing_secret_key_in_production_fails_with_its_name():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_thidua("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_public_host_with_debug_left_on_fails_closed():
    env = {"ALLOWED_HOSTS": "thidua.haiphong.gov.vn", "DJANGO_SETTINGS_MODULE": "thidua.settings"}
    result = run_thidua("check", env=env)
    assert (result.returncode != 0, "DEBUG=0" in result.stderr) == (True, True)


def test_demo_refuses_to_seed_a_production_database():
    result = run_thidua("seed_demo", env=PRODUCTION_ENV)
    assert (result.returncode, "Không tạo dữ liệu mẫu khi DEBUG tắt" in result.stderr) == (1, True)
