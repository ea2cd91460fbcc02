from django.conf import settings

from tests.servers import run_django

REAL_SECRET = "x7T2qZ9v" * 8


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("check", DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="a.test")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = run_django(
        "check",
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="a.test",
        DJANGO_SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django("check", DJANGO_DEBUG="false", DJANGO_SECRET_KEY=REAL_SECRET)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = run_django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=REAL_SECRET,
        DJANGO_ALLOWED_HOSTS="frameworks.example.com",
    )
    assert result.returncode == 0, result.stderr


def test_development_starts_with_no_configuration():
    result = run_django("check")
    assert result.returncode == 0, result.stderr


def test_an_empty_secret_key_counts_as_unset_in_development():
    result = run_django("check", DJANGO_SECRET_KEY="")
    assert result.returncode == 0, result.stderr


def test_the_example_env_file_works_as_it_is(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text((settings.BASE_DIR / ".env.example").read_text())
    result = run_django("check", DJANGO_ENV_FILE=str(env_file))
    assert result.returncode == 0, result.stderr


DATABASE_CONNECTION = (
    "from django.conf import settings; d = settings.DATABASES['default']; "
    "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
)


def test_production_keeps_database_connections_with_health_checks():
    result = run_django(
        "shell",
        "--verbosity",
        "0",
        "-c",
        DATABASE_CONNECTION,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=REAL_SECRET,
        DJANGO_ALLOWED_HOSTS="frameworks.example.com",
    )
    assert result.stdout.split() == ["60", "True"], result.stderr


def test_development_opens_a_connection_per_request():
    result = run_django("shell", "--verbosity", "0", "-c", DATABASE_CONNECTION)
    assert result.stdout.split() == ["0", "True"], result.stderr
