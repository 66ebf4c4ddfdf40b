print("huiyi")
