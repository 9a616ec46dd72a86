"""Server-rendered dashboard pages (zh-CN): login by token, figures and SVG charts."""
