from aiohttp import web

from bot.settings import settings
from bot.web.app import make_app

if __name__ == "__main__":
    config = settings()
    web.run_app(make_app(), host=config.host, port=config.web_port, print=None)
